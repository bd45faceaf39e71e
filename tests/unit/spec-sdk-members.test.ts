/**
 * What the SDK (@anthropic-ai/sdk 1.14.0) documents and the spec now states: the statuses it has
 * error classes for, its header params, the models list's lifecycle filter, a model's capabilities
 * and the cache-miss reasons of `diagnostics`. Each is checked when present, and a malformed one fails.
 */
import type * as SdkModels from '@anthropic-ai/sdk/resources/models';
import type * as Sdk from '@anthropic-ai/sdk/resources/messages/messages';
import { loadContract } from '../../src/contract/spec';
import { OPERATION_IDS } from '../../src/contract/operations';
import { handle } from '../../src/mock/handle';

const SDK_STATUSES = [408, 412, 422, 431, 499, 501, 503];

test('every operation documents the statuses the SDK has error classes for', async () => {
  const c = await loadContract();
  for (const id of OPERATION_IDS)
    expect(c.operation(id).documentedStatuses).toEqual(expect.arrayContaining(SDK_STATUSES));
  // A 503 as the API sends it (a CMEK code in details) is a documented error in the usual envelope.
  const body = {
    type: 'error',
    error: {
      type: 'api_error',
      message: "The workspace's encryption settings could not be read.",
      details: { error_code: 'cmek_context_unavailable' },
    },
    request_id: 'req_011',
  };
  expect(c.operation('messages').validateResponseBody(503, body)).toEqual([]);
  expect(c.operation('messages').validateResponseBody(503, { error: 'unavailable' }).length).toBeGreaterThan(0);
});

test('the SDK header params are declared: anthropic-user-profile-id, anthropic-workspace-id; the answer header is checked when present', async () => {
  const c = await loadContract();
  const headers = (id: (typeof OPERATION_IDS)[number]) =>
    (
      c.deref.paths[c.operation(id).path]![c.operation(id).method.toLowerCase() as 'get' | 'post']!
        .parameters as Array<{ name: string; in: string }>
    )
      .filter((p) => p.in === 'header')
      .map((p) => p.name);
  expect(headers('messages')).toEqual(expect.arrayContaining(['anthropic-user-profile-id', 'anthropic-workspace-id']));
  expect(headers('count_tokens')).toEqual(
    expect.arrayContaining(['anthropic-user-profile-id', 'anthropic-workspace-id']),
  );
  expect(headers('models_list')).toContain('anthropic-workspace-id');
  expect(headers('models_retrieve')).toContain('anthropic-workspace-id');
  for (const status of [200, 400, 503]) {
    expect(c.validateHeaders(status, { 'anthropic-workspace-id': 'wrkspc_011CZkZaBF1tNoB5wlCeusgy' })).toEqual([]);
    expect(c.validateHeaders(status, { 'anthropic-workspace-id': '' }).map((i) => i.path)).toEqual([
      'anthropic-workspace-id',
    ]);
  }
});

describe('GET /v1/models?lifecycle[]=…', () => {
  const list = async (query: string) => {
    const c = await loadContract();
    return handle(
      c,
      { apiKey: 'k' },
      {
        method: 'GET',
        path: '/v1/models',
        query: new URLSearchParams(query),
        headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
        body: '',
      },
    );
  };
  test('the spec declares it as the SDK sends it (brackets, up to 3 of active, deprecated, retired)', async () => {
    const c = await loadContract();
    const p = (
      c.deref.paths['/v1/models']!.get!.parameters as unknown as Array<{
        name: string;
        schema: Record<string, unknown>;
      }>
    ).find((x) => x.name === 'lifecycle[]')!;
    expect(p.schema).toMatchObject({
      type: 'array',
      maxItems: 3,
      items: { enum: ['active', 'deprecated', 'retired'] },
    });
    const stages: NonNullable<SdkModels.ModelListParams['lifecycle']> = ['active', 'deprecated', 'retired'];
    expect((p.schema.items as { enum: string[] }).enum).toEqual(stages);
  });
  test("the mock filters by it and refuses an unknown stage in the API's words", async () => {
    expect(((await list('lifecycle[]=active')).json as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expect((await list('lifecycle[]=retired')).json).toEqual({
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    const bad = await list('lifecycle[]=active&lifecycle[]=archived');
    expect([bad.status, (bad.json as { error: { message: string } }).error.message]).toEqual([
      400,
      "lifecycle.1: Input should be 'active', 'deprecated' or 'retired'",
    ]);
  });
});

describe('ModelInfo.capabilities, modelled from the SDK', () => {
  const support = { supported: true };
  const capabilities: SdkModels.ModelCapabilities = {
    batch: support,
    citations: support,
    code_execution: support,
    context_management: {
      supported: true,
      clear_thinking_20251015: support,
      clear_tool_uses_20250919: null,
      compact_20260112: support,
    },
    effort: { supported: true, low: support, medium: support, high: support, max: support, xhigh: null },
    image_input: support,
    pdf_input: support,
    server_tools: { supported: true, code_execution: support, web_search: support },
    structured_outputs: support,
    thinking: {
      supported: true,
      types: { adaptive: support, between_tools: support, disabled: support, enabled: support },
    },
  };
  const model = (caps: unknown) => ({
    type: 'model',
    id: 'claude-sonnet-4-5',
    display_name: 'Claude Sonnet 4.5',
    created_at: '2025-09-29T00:00:00Z',
    capabilities: caps,
  });
  test('the SDK-shaped subtree passes, and so does an older one with fewer members', async () => {
    const c = await loadContract();
    expect(c.operation('models_retrieve').validateResponseBody(200, model(capabilities))).toEqual([]);
    expect(
      c
        .operation('models_retrieve')
        .validateResponseBody(200, model({ batch: support, thinking: { supported: false } })),
    ).toEqual([]);
  });
  test.each<[string, unknown]>([
    ['a support flag as a string', { ...capabilities, batch: { supported: 'yes' } }],
    ['an effort level without its flag', { ...capabilities, effort: { ...capabilities.effort, low: {} } }],
    ['thinking types as a list', { ...capabilities, thinking: { supported: true, types: ['adaptive'] } }],
  ])('%s fails', async (_name, caps) => {
    const c = await loadContract();
    expect(c.operation('models_retrieve').validateResponseBody(200, model(caps)).length).toBeGreaterThan(0);
  });
});

describe('diagnostics.cache_miss_reason kinds', () => {
  const message = (reason: unknown) => ({
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    content: [],
    model: 'claude-sonnet-4-5',
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 0 },
    diagnostics: { cache_miss_reason: reason },
  });
  const reasons: Array<NonNullable<Sdk.CacheMissReason>> = [
    { type: 'model_changed', cache_missed_input_tokens: 10 },
    { type: 'system_changed', cache_missed_input_tokens: 10 },
    { type: 'tools_changed', cache_missed_input_tokens: 10 },
    { type: 'messages_changed', cache_missed_input_tokens: 10 },
    { type: 'previous_message_not_found' },
    { type: 'unavailable' },
  ];
  test.each(reasons)('%j passes', async (reason) => {
    const c = await loadContract();
    expect(c.validateResponseBody(200, message(reason))).toEqual([]);
    expect(c.newValues('Message', message(reason))).toEqual([]);
  });
  test('a changed-kind without its token count fails; a new kind is named, never a failure', async () => {
    const c = await loadContract();
    expect(c.validateResponseBody(200, message({ type: 'tools_changed' })).map((i) => i.path)).toContain(
      '/diagnostics/cache_miss_reason',
    );
    expect(
      c.validateResponseBody(200, message({ type: 'tools_changed', cache_missed_input_tokens: 'many' })).length,
    ).toBeGreaterThan(0);
    expect(c.validateResponseBody(200, message({ type: 'ttl_expired' }))).toEqual([]);
    expect(c.newValues('Message', message({ type: 'ttl_expired' })).map((v) => v.value)).toEqual(['ttl_expired']);
    expect(c.validateResponseBody(200, message(null))).toEqual([]);
  });
});
