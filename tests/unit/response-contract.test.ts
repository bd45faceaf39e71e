/**
 * The response side of the contract, member by member: what the vendor's spec states is
 * checked (a wrong type, a missing required member, a malformed value fails), and what the API may
 * add is a warning that names it (the versioning rule in the spec's description).
 */
import { loadContract, type Contract } from '../../src/contract/spec';
import { BARE_RESULT_BLOCKS, CITATIONS, SERVER_TOOL_BLOCKS } from '../fixtures/servers/catalogue';

type Body = Record<string, unknown>;
let c: Contract;
beforeAll(async () => {
  c = await loadContract();
});
const message = (extra: Body = {}): Body => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'm',
  content: [],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
  ...extra,
});
const paths = (issues: Array<{ path: string }>) => issues.map((i) => i.path);

test('a final message has a stop_reason; only message_start carries null, and it must', () => {
  expect(c.validateResponseBody(200, message({ stop_reason: null }))).toEqual([
    expect.objectContaining({ path: '/stop_reason' }),
  ]);
  expect(c.validate('FinalMessage', message({ stop_reason: null }))).not.toEqual([]);
  const start = (stop_reason: unknown) => ({ type: 'message_start', message: message({ stop_reason }) });
  expect(c.validate('MessageStreamEvent', start(null))).toEqual([]);
  expect(paths(c.validate('MessageStreamEvent', start('end_turn')))).toContain('/message/stop_reason');
});

test.each(
  SERVER_TOOL_BLOCKS.map((b) => [`${String(b.type)} ${String((b.content as Body | undefined)?.type ?? '')}`, b]),
)('well-formed %s passes', (_name, block) => {
  expect(c.validate('ContentBlock', block)).toEqual([]);
  expect(c.newValues('ContentBlock', block)).toEqual([]);
});

test.each(BARE_RESULT_BLOCKS.map((b) => [String(b.type), b]))('a bare %s fails', (_name, block) => {
  expect(c.validate('ContentBlock', block)).not.toEqual([]);
});

test('server_tool_use: the id is srvtoolu_…, the input an object; a new tool name is a warning', () => {
  const use = SERVER_TOOL_BLOCKS[0]!;
  expect(paths(c.validate('ContentBlock', { ...use, id: 'toolu_01A' }))).toEqual(['/id']);
  expect(paths(c.validate('ContentBlock', { ...use, input: 'x' }))).toEqual(['/input']);
  expect(c.validate('ContentBlock', { ...use, name: 'web_crawl' })).toEqual([]);
  expect(c.newValues('ContentBlock', { ...use, name: 'web_crawl' })).toEqual([
    expect.objectContaining({ path: '/name', value: 'web_crawl' }),
  ]);
});

test.each(CITATIONS.map((ci) => [String(ci.type), ci]))(
  '%s: valid in a text block and in citations_delta; each required member missing fails',
  (_name, citation) => {
    const text = { type: 'text', text: 'Hi', citations: [citation] };
    expect(c.validate('ContentBlock', text)).toEqual([]);
    const delta = { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation } };
    expect(c.validate('MessageStreamEvent', delta)).toEqual([]);
    const branch = (c.jsonSchema('TextCitation').oneOf as Body[]).find((b) =>
      ((b.properties as Record<string, Body>).type.enum as string[] | undefined)?.includes(String(citation.type)),
    )!;
    for (const key of (branch.required as string[]).filter((k) => k !== 'type')) {
      const { [key]: _gone, ...broken } = citation;
      expect({ key, issues: c.validate('ContentBlock', { ...text, citations: [broken] }).length > 0 }).toEqual({
        key,
        issues: true,
      });
      expect({
        key,
        issues:
          c.validate('MessageStreamEvent', { ...delta, delta: { type: 'citations_delta', citation: broken } }).length >
          0,
      }).toEqual({ key, issues: true });
    }
  },
);

test('stop_details, container and the usage members are checked; old answers without them pass', () => {
  expect(c.validateResponseBody(200, message())).toEqual([]);
  expect(c.validateResponseBody(200, message({ stop_details: null, container: null }))).toEqual([]);
  expect(
    c.validateResponseBody(
      200,
      message({ stop_reason: 'refusal', stop_details: { type: 'refusal', category: 'cyber', explanation: null } }),
    ),
  ).toEqual([]);
  expect(paths(c.validateResponseBody(200, message({ container: 5 })))).toEqual(['/container']);
  expect(
    paths(c.validateResponseBody(200, message({ container: { id: 'container_1', expires_at: 'tomorrow' } }))),
  ).toEqual(['/container/expires_at']);
  expect(c.validateResponseBody(200, message({ stop_details: { type: 'refusal' } }))).not.toEqual([]);
  const usage = (u: Body) => message({ usage: { input_tokens: 1, output_tokens: 1, ...u } });
  expect(
    c.validateResponseBody(
      200,
      usage({
        cache_creation: { ephemeral_5m_input_tokens: 1, ephemeral_1h_input_tokens: 0 },
        server_tool_use: { web_search_requests: 1 },
        service_tier: 'priority',
        inference_geo: 'global',
        output_tokens_details: { thinking_tokens: 3 },
      }),
    ),
  ).toEqual([]);
  expect(paths(c.validateResponseBody(200, usage({ cache_creation: { ephemeral_5m_input_tokens: 1 } })))).toEqual([
    '/usage/cache_creation',
  ]);
  expect(paths(c.validateResponseBody(200, usage({ server_tool_use: { web_search_requests: -1 } })))).toEqual([
    '/usage/server_tool_use/web_search_requests',
  ]);
  expect(paths(c.validateResponseBody(200, usage({ inference_geo: 3 })))).toEqual(['/usage/inference_geo']);
  // A new service tier is a new enum value: allowed, and named.
  expect(c.validateResponseBody(200, usage({ service_tier: 'gold' }))).toEqual([]);
  expect(c.newValues('FinalMessage', usage({ service_tier: 'gold' }))).toEqual([
    { path: '/usage/service_tier', value: 'gold', known: ['standard', 'priority', 'batch'] },
  ]);
});

test('message_delta: stop_details, container and the usage a delta may carry', () => {
  const md = (delta: Body, usage: Body = {}) => ({
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null, ...delta },
    usage: { output_tokens: 3, ...usage },
  });
  expect(
    c.validate(
      'MessageStreamEvent',
      md(
        { stop_details: null, container: { id: 'container_1', expires_at: '2026-11-26T12:00:00Z' } },
        {
          input_tokens: 5,
          cache_read_input_tokens: 0,
          server_tool_use: { web_search_requests: 1, web_fetch_requests: 0 },
        },
      ),
    ),
  ).toEqual([]);
  expect(paths(c.validate('MessageStreamEvent', md({ container: 5 })))).toContain('/delta/container');
  expect(paths(c.validate('MessageStreamEvent', md({ stop_details: 'refusal' })))).toContain('/delta/stop_details');
  expect(paths(c.validate('MessageStreamEvent', md({}, { input_tokens: '5' })))).toEqual(['/usage/input_tokens']);
});

test('new kinds are warnings that name them: block, citation, event, delta; known ones are silent', () => {
  const named = (schema: string, v: Body) => c.newValues(schema, v).map((n) => `${n.path}=${n.value}`);
  expect(
    named(
      'FinalMessage',
      message({
        content: [{ type: 'hologram' }, { type: 'mcp_tool_use', id: 'x', name: 'y', input: {}, server_name: 's' }],
      }),
    ),
  ).toEqual(['/content/0/type=hologram']);
  expect(named('ContentBlock', { type: 'text', text: 'x', citations: [{ type: 'video_location' }] })).toEqual([
    '/citations/0/type=video_location',
  ]);
  expect(named('MessageStreamEvent', { type: 'future_event' })).toEqual(['/type=future_event']);
  expect(
    named('MessageStreamEvent', { type: 'content_block_delta', index: 0, delta: { type: 'hologram_delta' } }),
  ).toEqual(['/delta/type=hologram_delta']);
  expect(
    named('MessageStreamEvent', { type: 'content_block_delta', index: 0, delta: { type: 'compaction_delta' } }),
  ).toEqual([]);
  // stop_reason is stop_reason_known's to report.
  expect(named('FinalMessage', message({ stop_reason: 'refusal_v2' }))).toEqual([]);
});

test("another API's stop vocabulary maps to the Anthropic value meant", () => {
  expect(c.foreignStopReasons).toMatchObject({
    length: 'max_tokens',
    tool_calls: 'tool_use',
    content_filter: 'refusal',
  });
  expect(c.foreignStopReasons.stop).toMatch(/^end_turn/);
  for (const v of Object.keys(c.foreignStopReasons)) expect(c.knownStopReasons).not.toContain(v);
});

test('each block kind states the delta types it takes (x-delta-types)', () => {
  expect(c.deltaTypes).toMatchObject({
    text: ['text_delta', 'citations_delta'],
    thinking: ['thinking_delta', 'signature_delta'],
    tool_use: ['input_json_delta'],
    server_tool_use: ['input_json_delta'],
    web_search_tool_result: [],
    container_upload: [],
  });
});

test('declared response headers: well-formed values pass, malformed ones are named', () => {
  const ok = {
    'request-id': 'req_1',
    'retry-after': '30',
    'x-should-retry': 'true',
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-tokens-reset': '1970-01-01T00:00:00Z',
  };
  expect(c.validateHeaders(429, ok)).toEqual([]);
  expect(c.validateHeaders(529, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' })).toEqual([]);
  expect(
    paths(
      c.validateHeaders(429, {
        'retry-after': 'soon',
        'x-should-retry': 'yes',
        'anthropic-ratelimit-requests-remaining': '1.5k',
        'anthropic-ratelimit-input-tokens-reset': 'in 5s',
      }),
    ).sort(),
  ).toEqual([
    'anthropic-ratelimit-input-tokens-reset',
    'anthropic-ratelimit-requests-remaining',
    'retry-after',
    'x-should-retry',
  ]);
  // Every documented status declares request-id.
  for (const status of c.documentedStatuses)
    expect({
      status,
      declared: Object.keys(
        (c.deref.paths['/v1/messages']!.post!.responses[String(status)] as { headers?: object }).headers ?? {},
      ),
    }).toEqual({ status, declared: expect.arrayContaining(['request-id']) });
});
