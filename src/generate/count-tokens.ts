/**
 * Bodies for `POST /v1/messages/count_tokens`, derived from the Messages generators: a count body is
 * a message body without the generation fields (max_tokens, stream, sampling, stop_sequences,
 * metadata, service_tier…), which are extra inputs there. Which fields stay is read from the spec
 * (the count operation's request schema), here and nowhere else
 * (https://docs.claude.com/en/api/messages-count-tokens).
 */
import fc from 'fast-check';
import type { Contract } from '../contract/spec';
import type { RequestCase } from '../http/exchange';
import { validBody, type GenOptions } from './positive';
import { boundaryCases } from './boundary';
import { negativeCases } from './negative';

type Body = Record<string, unknown>;

const props = (contract: Contract, schema: string | undefined): string[] =>
  schema ? Object.keys((contract.jsonSchema(schema, { beta: true }).properties ?? {}) as Body) : [];

/** The request fields count_tokens takes (its spec schema's properties). */
export const countTokensFields = (contract: Contract): string[] =>
  props(contract, contract.operation('count_tokens').requestSchema);

/** Fields of a Messages body that count_tokens does not take: the generation ones. */
export function generationFields(contract: Contract): string[] {
  const count = new Set(countTokensFields(contract));
  return props(contract, contract.operation('messages').requestSchema).filter((f) => !count.has(f));
}

/**
 * The count body of a Messages body: the generation fields removed. Any other field stays, so a
 * field neither operation knows (a negative case's `response_format`) is still sent and still wrong.
 */
export function toCountBody(contract: Contract, body: Body): Body {
  const drop = new Set(generationFields(contract));
  return Object.fromEntries(Object.entries(body).filter(([k]) => !drop.has(k)));
}

const ok = (mode: 'positive' | 'boundary', description: string) => ({ mode, description, expect: { status: 200 } });
const name = (n: string) => `count_tokens/${n}`;

/** The smallest valid count body: the area's probe. */
export const smallestCountBody = (o: GenOptions): Body => ({
  model: o.model,
  messages: [{ role: 'user', content: 'Hello' }],
});

/** `n` generated valid bodies (same seed, same bodies), as count bodies. */
export function countValidCases(o: GenOptions, seed: number, n: number): RequestCase[] {
  return fc.sample(validBody(o), { seed, numRuns: n }).map((b, i) => ({
    name: name(`generated/${i}`),
    operation: 'count_tokens',
    body: toCountBody(o.contract, b),
    meta: { ...ok('positive', `generated body #${i}, without its generation fields`), seed, fcPath: String(i) },
  }));
}

/**
 * The named edge cases whose count body still differs from every other's (system as string and
 * blocks, tools, thinking, many turns, prefill, each script): those that only moved a generation
 * field (max_tokens, temperature, stop_sequences…) collapse into the plain body and are left out.
 */
export function countBoundaryCases(o: GenOptions): RequestCase[] {
  const generation = generationFields(o.contract);
  const seen = new Set<string>();
  const out: RequestCase[] = [];
  for (const c of boundaryCases(o)) {
    // A case about a generation field (max_tokens_model_maximum) has nothing left to say here.
    if (generation.some((f) => c.name.startsWith(`boundary/${f}`))) continue;
    const body = toCountBody(o.contract, c.body as Body);
    const key = JSON.stringify(body);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...c, name: name(c.name), operation: 'count_tokens', body });
  }
  // tool_choice is forced only with tools; boundary.ts offers tools alone.
  const tool = {
    name: 'get_weather',
    description: 'Get the weather for a city.',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  };
  out.push({
    name: name('boundary/tools_tool_choice'),
    operation: 'count_tokens',
    body: {
      ...smallestCountBody(o),
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [tool],
      tool_choice: { type: 'tool', name: 'get_weather' },
    },
    meta: ok('boundary', 'a tool and a tool_choice forcing it'),
  });
  return out;
}

/**
 * Invalid count bodies: the Messages negative cases that still break the count schema once the
 * generation fields are gone (missing model or messages, a wrong role, an unknown field…), and a
 * generation field sent anyway (`Extra inputs are not permitted`: CountMessageTokensParams is closed).
 */
export function countNegativeCases(o: GenOptions): RequestCase[] {
  const op = o.contract.operation('count_tokens');
  const bad = (body: Body, path: string, rule: string, n: string, unverified?: string): RequestCase => ({
    name: name(`negative/${n}`),
    operation: 'count_tokens',
    body,
    meta: { mode: 'negative', rule, path, expect: { status: 400, errorType: 'invalid_request_error' }, unverified },
  });
  // Each required field missing, and one break per other field: the Messages areas try the rest.
  const seen = new Set<string>();
  const derived = negativeCases(o)
    .filter((c) => typeof c.body === 'object' && c.body !== null && !c.headers)
    .map((c) => ({ c, body: toCountBody(o.contract, c.body as Body) }))
    .filter(({ body }) => op.validateRequest(body).length > 0)
    .filter(({ c, body }) => {
      const root = (c.meta?.path ?? '').split('.')[0]!;
      const key = root in body ? root : `missing:${root}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .map(({ c, body }): RequestCase => ({ name: name(c.name), operation: 'count_tokens', body, meta: c.meta }));
  const extra = (field: string, value: unknown) =>
    bad(
      { ...smallestCountBody(o), [field]: value },
      field,
      `${field} is a generation field: an extra input for count_tokens (Extra inputs are not permitted)`,
      `extra_${field}`,
      // The request schema is closed (@anthropic-ai/sdk MessageCountTokensParams has no such member), but no recorded answer shows the API refusing it.
      'derived from the closed request schema; no recorded answer shows the API refusing a generation field on count_tokens',
    );
  return [...derived, extra('max_tokens', 16), extra('stream', false)];
}

/** Keys, version and model enforced as on /v1/messages: 401, 400, 404. */
export function countAuthCases(o: GenOptions, unknownModel: string): RequestCase[] {
  const body = smallestCountBody(o);
  const c = (
    n: string,
    headers: RequestCase['headers'],
    status: number,
    errorType: string,
    rule: string,
    b: Body = body,
    path?: string,
  ): RequestCase => ({
    name: name(`auth/${n}`),
    operation: 'count_tokens',
    body: b,
    headers,
    meta: { mode: 'auth', rule, path, expect: { status, errorType } },
  });
  return [
    c('no_key', { 'x-api-key': null }, 401, 'authentication_error', 'a missing key gets 401 authentication_error'),
    c(
      'wrong_key',
      { 'x-api-key': 'sk-ant-api03-wrong-key-for-conformance-test' },
      401,
      'authentication_error',
      'a wrong key gets 401 authentication_error',
    ),
    c(
      'no_version',
      { 'anthropic-version': null },
      400,
      'invalid_request_error',
      'a missing anthropic-version gets 400',
      body,
      'anthropic-version',
    ),
    c(
      'unknown_model',
      undefined,
      404,
      'not_found_error',
      'an unknown model gets 404 not_found_error (https://platform.claude.com/docs/en/api/errors)',
      { ...body, model: unknownModel },
      'model',
    ),
  ];
}
