/**
 * The features area: one small probe per feature no other area exercises (system prompts, tool_choice
 * auto, images, documents and citations, prompt caching, the 2026-10-21 version with Bearer, a beta
 * member with its header), each answered by checks that hold for any conformant server, a real model
 * included. Streams only where the stream differs (citations_delta, cache counters in message_start,
 * the current SDKs' version and auth). Every request is small (max_tokens ≤ 128); the cache probe's prefix is as long as the
 * model's minimum requires, and no longer. Probes only a real model can pass (a code word it must
 * repeat) are sent with CONTRACT_MODEL_PROBES=1 and only ever warn. The twins without an image or
 * document name no feature, so that they go wherever their feature's probe goes.
 */
import type { CaseMeta, RequestCase } from '../http/exchange';
import type { FeatureId } from '../features/ids';
import type { Run } from './run';
import type { CaseResult } from './run-cases';
import type { AreaDef } from './areas';
import { cacheMinimumTokens } from '../features/cache-minimum';
import { LIGHTHOUSE_NOTE, longPrefix, solidPng, textPdf } from './feature-media';
import { COMMON_CHECKS } from './common';

type Body = Record<string, unknown>;

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Get the weather for a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const PDF_LINES = [
  'Kell Point lighthouse report.',
  'The lamp at Kell Point is painted green and was first lit in 1891.',
  'The tower has one hundred and twelve steps.',
];
/** Words that any tokenizer counts as at least this many tokens: a third of the words is a floor no real count goes under. */
const floorTokens = (text: string) => Math.floor(text.split(/\s+/).filter(Boolean).length / 3);
/** The beta the beta probe sends, and a member only that beta accepts (the SDK's BetaContextManagementConfig). */
const BETA = {
  header: 'context-management-2025-06-27',
  member: { context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] } },
};
/** A prefix this much above the model's minimum, so that a tokenizer counting fewer tokens than words still reaches it. */
const CACHE_MARGIN = 1.25;
const CODE_WORD = 'PERIWINKLE-42';

const meta = (description: string, features: FeatureId[], extra: Partial<CaseMeta> = {}): CaseMeta => ({
  mode: 'semantic',
  description,
  expect: { status: 200 },
  features,
  ...extra,
});
const ask = (ctx: Run, content: unknown, extra: Body = {}): Body => ({
  model: ctx.config.model,
  max_tokens: 32,
  messages: [{ role: 'user', content }],
  ...extra,
});

/** A case and its streamed twin (the stream adds the streaming feature). */
function withStream(c: RequestCase): RequestCase[] {
  const m = c.meta!;
  return [
    c,
    {
      ...c,
      name: `${c.name}/stream`,
      body: { ...(c.body as Body), stream: true },
      meta: {
        ...m,
        mode: 'stream',
        description: `${m.description}, streamed`,
        features: [...(m.features ?? []), 'streaming'],
        featureCheck: undefined,
      },
    },
  ];
}

/** The cold request of the cache probe: a long system prefix marked for caching, then a short question. */
function cacheBody(ctx: Run): Body {
  const prefix = longPrefix(Math.ceil(cacheMinimumTokens(ctx.config.model) * CACHE_MARGIN));
  return ask(ctx, 'Reply with the single word: ready.', {
    max_tokens: 8,
    system: [
      { type: 'text', text: `You answer questions about this log.\n${prefix}`, cache_control: { type: 'ephemeral' } },
    ],
  });
}

function featureCases(ctx: Run): RequestCase[] {
  const doc = {
    type: 'document',
    source: { type: 'text', media_type: 'text/plain', data: LIGHTHOUSE_NOTE },
    title: 'Kell Point',
    citations: { enabled: true },
  };
  const pdf = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: textPdf(PDF_LINES) } };
  const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: solidPng() } };
  const docQuestion = 'What colour is the lamp at Kell Point? Answer from the document.';
  const imageQuestion = 'What colour is this image? Answer in one word.';
  const cases: RequestCase[] = [
    {
      name: 'feature/system_string',
      operation: 'messages',
      body: ask(ctx, 'Say hello.', { system: 'You are a terse assistant. Answer in one short sentence.' }),
      meta: meta('a system prompt as a string', ['system']),
    },
    {
      name: 'feature/system_blocks',
      operation: 'messages',
      body: ask(ctx, 'Say hello.', {
        system: [
          { type: 'text', text: 'You are a terse assistant.' },
          { type: 'text', text: 'Answer in one short sentence.' },
        ],
      }),
      meta: meta('a system prompt as text blocks', ['system']),
    },
    {
      name: 'feature/tool_auto',
      operation: 'messages',
      body: ask(ctx, 'What is the weather in Paris? Use the tool.', {
        max_tokens: 128,
        tools: [WEATHER_TOOL],
        tool_choice: { type: 'auto' },
      }),
      meta: meta('tool_choice auto', ['tools']),
    },
    {
      name: 'feature/image',
      operation: 'messages',
      body: ask(ctx, [image, { type: 'text', text: imageQuestion }]),
      meta: meta('a base64 PNG image', ['images'], {
        featureCheck: { without: 'feature/image/without', minExtraTokens: 1 },
      }),
    },
    {
      name: 'feature/image/without',
      operation: 'messages',
      body: ask(ctx, [{ type: 'text', text: imageQuestion }]),
      meta: meta('the image request without its image (what the image must add to the input tokens)', []),
    },
    ...withStream({
      name: 'feature/document_text',
      operation: 'messages',
      body: ask(ctx, [doc, { type: 'text', text: docQuestion }], { max_tokens: 64 }),
      meta: meta('a plain-text document with citations enabled', ['documents', 'citations'], {
        featureCheck: { without: 'feature/document_text/without', minExtraTokens: floorTokens(LIGHTHOUSE_NOTE) },
      }),
    }),
    {
      name: 'feature/document_text/without',
      operation: 'messages',
      body: ask(ctx, [{ type: 'text', text: docQuestion }], { max_tokens: 64 }),
      meta: meta('the document request without its document', []),
    },
    {
      name: 'feature/document_pdf',
      operation: 'messages',
      body: ask(ctx, [pdf, { type: 'text', text: docQuestion }], { max_tokens: 64 }),
      meta: meta('a base64 PDF document', ['documents'], {
        featureCheck: { without: 'feature/document_text/without', minExtraTokens: floorTokens(PDF_LINES.join(' ')) },
      }),
    },
    {
      name: 'feature/cache/cold',
      operation: 'messages',
      body: cacheBody(ctx),
      meta: meta('a cacheable system prefix marked with cache_control, first sight', ['prompt_caching']),
    },
    {
      name: 'feature/beta_passthrough',
      operation: 'messages',
      body: ask(ctx, 'Say hello.', BETA.member),
      headers: { 'anthropic-beta': BETA.header },
      meta: meta(
        `a beta member (context_management) sent with its anthropic-beta header (${BETA.header})`,
        ['beta_passthrough'],
        { beta: true },
      ),
    },
  ];
  if (ctx.contract.anthropicVersions.includes('2026-10-21'))
    cases.push({
      name: 'feature/version_2026_bearer/stream',
      operation: 'messages',
      body: ask(ctx, 'Say hello.', { stream: true }),
      headers: { 'anthropic-version': '2026-10-21', 'x-api-key': null, authorization: `Bearer ${ctx.config.apiKey}` },
      meta: meta(
        'anthropic-version 2026-10-21 with the key as Authorization: Bearer, streamed, as current SDKs send it (https://platform.claude.com/docs/en/api/migration-2026-10-21)',
        ['version_2026_bearer', 'streaming'],
        { mode: 'stream' },
      ),
    });
  if (ctx.config.modelProbes)
    cases.push(
      {
        name: 'feature/model_probe/system',
        operation: 'messages',
        body: ask(ctx, 'What is the code word? Reply with the code word only.', {
          system: `The code word is ${CODE_WORD}. When asked for the code word, reply with it and nothing else.`,
        }),
        meta: meta('a code word in the system prompt the answer must repeat (only a real model can)', ['system'], {
          featureCheck: { codeWord: CODE_WORD },
        }),
      },
      {
        name: 'feature/model_probe/document',
        operation: 'messages',
        body: ask(ctx, [
          {
            type: 'document',
            source: {
              type: 'text',
              media_type: 'text/plain',
              data: `${LIGHTHOUSE_NOTE} The keeper's code word is ${CODE_WORD}.`,
            },
          },
          { type: 'text', text: "What is the keeper's code word in the document? Reply with it only." },
        ]),
        meta: meta('a code word in a document the answer must repeat (only a real model can)', ['documents'], {
          featureCheck: { codeWord: CODE_WORD },
        }),
      },
    );
  return cases;
}

/**
 * After the cold cache request has its answer, the same request twice more (JSON, then streamed):
 * both must read the prefix written by the first. Sent only once the first is answered, since a
 * cache entry exists only from then on.
 */
function featureFollowUps(_ctx: Run, results: CaseResult[]): RequestCase[] {
  const cold = results.find((r) => r.exchange.case.name === 'feature/cache/cold');
  if (!cold || results.some((r) => r.exchange.case.name.startsWith('feature/cache/warm'))) return [];
  const answered = cold.exchange.response?.status === 200;
  const warm: RequestCase = {
    name: 'feature/cache/warm',
    operation: 'messages',
    body: cold.exchange.case.body,
    meta: meta('the same cacheable request again: it reads the prefix the first wrote', ['prompt_caching'], {
      featureCheck: { cacheOf: 'feature/cache/cold' },
      notApplicable: answered ? undefined : 'the first cache request got no 200 answer, so there is no prefix to read',
    }),
  };
  return withStream(warm).map((c) => ({ ...c, meta: { ...c.meta!, featureCheck: { cacheOf: 'feature/cache/cold' } } }));
}

const STREAM_CHECKS = ['sse_framing', 'stream_event_schema', 'stream_grammar', 'stream_message_valid'] as const;

export const FEATURES_AREA: AreaDef = {
  id: 'features',
  title: 'Features a client relies on (one probe each)',
  profiles: ['full'],
  group: 'messages',
  checks: [
    ...COMMON_CHECKS,
    'response_schema_conformance',
    'error_envelope',
    ...STREAM_CHECKS,
    'positive_data_acceptance',
    'tool_choice_honoured',
    'usage_accounts_for_content',
    'stop_reason_known',
    'new_values_named',
    'content_counted',
    'citations_valid',
    'prompt_cache_accounting',
    'content_reaches_model',
  ],
  cases: featureCases,
  next: featureFollowUps,
};
