/**
 * The requests of each contract area. Generated and edge-case bodies come from src/generate/; the
 * requests here are the ones whose answer is forced for every conformant server (a cut at
 * max_tokens, a forced tool), so the semantic checks hold for a real model as for the mock.
 */
import fc from 'fast-check';
import type { RequestCase } from '../http/exchange';
import type { Run } from './run';
import { validBody } from '../generate/positive';
import { boundaryCases } from '../generate/boundary';
import { negativeCases } from '../generate/negative';
import { unknownModel } from './common';
import type { FeatureId } from '../features/ids';

type Body = Record<string, unknown>;

const ask = (ctx: Run, content: string, extra: Body = {}): Body => ({
  model: ctx.config.model,
  max_tokens: 32,
  messages: [{ role: 'user', content }],
  ...extra,
});
/**
 * The official TypeScript SDK sends `Accept: application/json` on every request, streaming ones
 * included (anthropic-sdk-typescript src/client.ts buildHeaders), so a stream is asked for by the body
 * alone: a server that negotiates on Accept breaks every SDK user. Stream cases go both ways.
 */
const SDK_STREAM_ACCEPT = { accept: 'application/json' };
const ok = (
  mode: NonNullable<RequestCase['meta']>['mode'],
  description: string,
  extra: Partial<NonNullable<RequestCase['meta']>> = {},
) => ({ mode, description, expect: { status: 200 }, ...extra });

/** The spec's own request examples, model swapped for the configured one. */
export function exampleCases(ctx: Run): RequestCase[] {
  const example = (name: string) => ({ ...(ctx.contract.requestExample(name) as Body), model: ctx.config.model });
  return [
    {
      name: 'example/hello',
      operation: 'messages',
      body: example('hello'),
      meta: ok('example', 'the Create-a-Message example', { features: ['text'] }),
    },
    {
      name: 'example/stream_hello',
      operation: 'messages',
      body: example('stream_hello'),
      meta: ok('example', 'the streaming example', { features: ['text', 'streaming'] }),
    },
    {
      name: 'example/stream_hello/accept_json',
      operation: 'messages',
      body: example('stream_hello'),
      headers: SDK_STREAM_ACCEPT,
      meta: ok('example', 'the streaming example, sent with Accept: application/json as the TypeScript SDK sends it', {
        features: ['text', 'streaming', 'stream_accept_json'],
      }),
    },
    {
      name: 'example/missing_max_tokens',
      operation: 'messages',
      body: example('missing_max_tokens'),
      meta: {
        mode: 'negative',
        rule: 'max_tokens is required',
        path: 'max_tokens',
        expect: { status: 400, errorType: 'invalid_request_error' },
      },
    },
  ];
}

/** Generated valid bodies (fast-check, CONTRACT_SEED / CONTRACT_RUNS), then the named edge cases. */
export function validCases(ctx: Run): RequestCase[] {
  const { seed, runs } = ctx.config;
  const bodies = fc.sample(validBody(ctx.gen), { seed, numRuns: runs });
  const generated: RequestCase[] = bodies.map((body, i) => ({
    name: `generated/${i}`,
    operation: 'messages',
    body,
    meta: { ...ok('positive', `generated body #${i}`), seed, fcPath: String(i) },
  }));
  return [...generated, ...boundaryCases(ctx.gen)];
}

export const invalidCases = (ctx: Run): RequestCase[] => negativeCases(ctx.gen);

export function authCases(ctx: Run): RequestCase[] {
  const body = ask(ctx, 'Hello', { max_tokens: 8 });
  // path: the field an error case breaks (error_message_names_field reads it).
  // The accepted forms of the current version and of Bearer are what current SDKs send (version_2026_bearer).
  const c = (
    name: string,
    headers: RequestCase['headers'],
    status: number,
    rule: string,
    b: Body = body,
    path?: string,
  ): RequestCase => ({
    name: `auth/${name}`,
    operation: 'messages',
    body: b,
    headers,
    meta: {
      mode: 'auth',
      rule,
      path,
      expect:
        status === 200
          ? { status }
          : { status, errorType: status === 401 ? 'authentication_error' : 'invalid_request_error' },
      ...(status === 200 && (name === 'bearer_key' || name === 'version_2026-10-21')
        ? { features: ['version_2026_bearer' as const] }
        : {}),
    },
  });
  const key = ctx.config.apiKey;
  const cases = [
    c('no_key', { 'x-api-key': null }, 401, 'a missing key gets 401 authentication_error'),
    c(
      'wrong_key',
      { 'x-api-key': 'sk-ant-api03-wrong-key-for-conformance-test' },
      401,
      'a wrong key gets 401 authentication_error',
    ),
    c(
      'wrong_bearer',
      { 'x-api-key': null, authorization: 'Bearer sk-ant-api03-wrong-key-for-conformance-test' },
      401,
      'a wrong Bearer key gets 401 authentication_error',
    ),
    c(
      'bearer_key',
      { 'x-api-key': null, authorization: `Bearer ${key}` },
      200,
      'the key is also accepted as Authorization: Bearer (https://platform.claude.com/docs/en/api/migration-2026-10-21)',
    ),
    c(
      'no_version',
      { 'anthropic-version': null },
      400,
      'a missing anthropic-version gets 400',
      body,
      'anthropic-version',
    ),
    c(
      'unknown_version',
      { 'anthropic-version': '2099-01-01' },
      400,
      'an unknown anthropic-version gets 400',
      body,
      'anthropic-version',
    ),
  ];
  // A name outside the spec's model table (info.x-models), which is what the real API serves.
  const unknown = unknownModel(ctx.contract);
  cases.push({
    name: 'auth/unknown_model',
    operation: 'messages',
    body: { ...body, model: unknown },
    meta: {
      mode: 'auth',
      rule: 'an unknown model gets 404 not_found_error (https://platform.claude.com/docs/en/api/errors)',
      path: 'model',
      expect: { status: 404, errorType: 'not_found_error' },
    },
  });
  for (const v of ctx.contract.anthropicVersions)
    cases.push(
      c(
        `version_${v}`,
        { 'anthropic-version': v },
        200,
        `anthropic-version ${v} is accepted (https://docs.claude.com/en/api/versioning)`,
      ),
    );
  if (ctx.contract.anthropicVersions.includes('2026-10-21'))
    cases.push(
      c(
        'version_2026-10-21_temperature',
        { 'anthropic-version': '2026-10-21' },
        400,
        'temperature is rejected under 2026-10-21 (https://platform.claude.com/docs/en/api/migration-2026-10-21)',
        { ...body, temperature: 1 },
        'temperature',
      ),
      c(
        'version_2026-10-21_assistant_document',
        { 'anthropic-version': '2026-10-21' },
        400,
        'a document block directly in an assistant message is rejected under 2026-10-21 (https://platform.claude.com/docs/en/api/migration-2026-10-21)',
        {
          ...body,
          messages: [
            { role: 'user', content: 'Summarise.' },
            {
              role: 'assistant',
              content: [
                { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'A short note.' } },
              ],
            },
            { role: 'user', content: 'Go on.' },
          ],
        },
      ),
    );
  return cases;
}

/** Requests whose every conformant answer is forced. Each comes as a JSON and a stream request. */
function forcedBodies(
  ctx: Run,
): Array<{ name: string; body: Body; description: string; expectCut?: boolean; features: FeatureId[] }> {
  const tool = {
    name: 'get_weather',
    description: 'Get the weather for a city.',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  };
  const second = {
    name: 'get_time',
    description: 'Get the time in a city.',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  };
  const budget = 1024;
  return [
    {
      name: 'cut_by_max_tokens',
      description: 'a long answer asked for with max_tokens 2',
      expectCut: true,
      features: ['max_tokens'],
      body: ask(ctx, 'Write a 300-word story about the sea.', { max_tokens: 2 }),
    },
    {
      name: 'stop_sequence',
      description: 'a reply that meets a requested stop sequence',
      features: ['stop_sequences'],
      body: ask(ctx, 'Repeat exactly, with nothing else: one two STOP three four', { stop_sequences: ['STOP'] }),
    },
    {
      name: 'forced_tool',
      description: 'tool_choice forces get_weather',
      features: ['tools'],
      body: ask(ctx, 'What is the weather in Paris?', {
        max_tokens: 128,
        tools: [tool, second],
        tool_choice: { type: 'tool', name: 'get_weather' },
      }),
    },
    {
      name: 'forced_any',
      description: 'tool_choice any',
      features: ['tools'],
      body: ask(ctx, 'What is the weather in Paris?', {
        max_tokens: 128,
        tools: [tool, second],
        tool_choice: { type: 'any' },
      }),
    },
    {
      name: 'tool_choice_none',
      description: 'tool_choice none',
      features: ['tools'],
      body: ask(ctx, 'What is the weather in Paris?', { max_tokens: 32, tools: [tool], tool_choice: { type: 'none' } }),
    },
    {
      name: 'thinking',
      description: 'thinking enabled with the smallest budget',
      features: ['thinking'],
      body: ask(ctx, 'What is 12 * 12?', {
        max_tokens: budget + 64,
        thinking: { type: 'enabled', budget_tokens: budget },
      }),
    },
  ];
}

/** Each forced request as JSON and as a stream, the stream sent with either Accept (both must get SSE). */
export function semanticCases(ctx: Run): RequestCase[] {
  return forcedBodies(ctx).flatMap((f): RequestCase[] => {
    // A forced tool call streamed is tool streaming: its input_json_deltas must reassemble.
    const streamed: FeatureId[] = [
      ...f.features,
      'streaming',
      ...(FORCED_CALL.includes(f.name) ? (['tool_streaming'] as const) : []),
    ];
    return [
      {
        name: `semantic/${f.name}`,
        operation: 'messages',
        body: f.body,
        meta: ok('semantic', f.description, { expectCut: f.expectCut, features: f.features }),
      },
      {
        name: `semantic/${f.name}/stream`,
        operation: 'messages',
        body: { ...f.body, stream: true },
        meta: ok('stream', `${f.description}, streamed`, {
          expectCut: f.expectCut,
          shapeTwin: SHAPED.includes(f.name) ? `semantic/${f.name}` : undefined,
          features: streamed,
        }),
      },
      {
        name: `semantic/${f.name}/stream/accept_json`,
        operation: 'messages',
        body: { ...f.body, stream: true },
        headers: SDK_STREAM_ACCEPT,
        meta: ok(
          'stream',
          `${f.description}, streamed with Accept: application/json (as the TypeScript SDK sends it)`,
          { expectCut: f.expectCut, features: [...streamed, 'stream_accept_json'] },
        ),
      },
    ];
  });
}

/** The forced requests whose shape cannot vary: their stream must match their JSON answer (stream_json_same_shape). */
const SHAPED = ['cut_by_max_tokens', 'forced_tool'];
/** The forced requests whose every conformant answer is a tool call. */
const FORCED_CALL = ['forced_tool', 'forced_any'];
