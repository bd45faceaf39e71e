/**
 * The mock's other two endpoints, `POST /v1/messages/count_tokens` and `GET /v1/models[/{id}]`:
 * their answers validate against the spec's schemas, the count is the `input_tokens` that
 * `/v1/messages` reports for the same input, the count_tokens members come from the spec, and the
 * models list pages as the SDK walks it.
 */
import { loadContract, type Contract } from '../../src/contract/spec';
import { handle, type MockResult } from '../../src/mock/handle';

const KEY = 'mock-endpoints-key';
let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const call = (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  c: Contract = contract,
): MockResult => {
  const url = new URL(path, 'http://mock');
  return handle(
    c,
    { apiKey: KEY },
    {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...headers },
      body: body === undefined ? '' : JSON.stringify(body),
    },
  );
};
const count = (body: unknown, headers?: Record<string, string>, c?: Contract) =>
  call('POST', '/v1/messages/count_tokens', body, headers, c);
const get = (path: string) => call('GET', path);
const errorOf = (r: MockResult) => (r.json as { error: { type: string; message: string } }).error;

const model = 'claude-sonnet-4-20250514';
const tool = {
  name: 'get_weather',
  description: 'Weather at a place',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const BODIES: Record<string, Record<string, unknown>> = {
  'one user turn': { model, messages: [{ role: 'user', content: 'Hello, Claude! How are you today?' }] },
  'a system string': {
    model,
    system: 'You are a scientist.',
    messages: [{ role: 'user', content: 'What is a quark?' }],
  },
  'system blocks': {
    model,
    system: [
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Answer in French.', cache_control: { type: 'ephemeral' } },
    ],
    messages: [{ role: 'user', content: 'Hi' }],
  },
  tools: {
    model,
    tools: [tool],
    tool_choice: { type: 'auto' },
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
  },
  'multi-turn with blocks': {
    model,
    tools: [tool],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me look.' },
          { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'Sunny, 21 °C' }] },
    ],
  },
  'non-ASCII': {
    model,
    system: 'Réponds en 日本語',
    messages: [
      { role: 'user', content: 'Ça va? 你好, 🌍 мир' },
      { role: 'assistant', content: 'はい' },
      { role: 'user', content: 'Grüß Gott — ok?' },
    ],
  },
  'thinking and output_config': {
    model,
    thinking: { type: 'enabled', budget_tokens: 1024 },
    output_config: { effort: 'high' },
    cache_control: { type: 'ephemeral' },
    messages: [{ role: 'user', content: 'Think.' }],
  },
};

describe('count_tokens', () => {
  test.each(Object.entries(BODIES))('counts what /v1/messages reports in usage.input_tokens: %s', (_name, body) => {
    const counted = count(body);
    expect(counted.status).toBe(200);
    expect(contract.validate('MessageTokensCount', counted.json)).toEqual([]);
    const created = call('POST', '/v1/messages', { ...body, max_tokens: 2048 });
    expect(created.status).toBe(200);
    expect((counted.json as { input_tokens: number }).input_tokens).toBe(
      (created.json as { usage: { input_tokens: number } }).usage.input_tokens,
    );
  });

  test('the count follows the input: a longer conversation counts more', () => {
    const n = (body: unknown) => (count(body).json as { input_tokens: number }).input_tokens;
    expect(n(BODIES['a system string'])).toBeGreaterThan(n({ ...BODIES['a system string'], system: undefined }));
  });

  test('generation members are extra inputs; beta members only with a beta header', () => {
    const hello = BODIES['one user turn']!;
    for (const [k, v] of Object.entries({
      max_tokens: 10,
      stream: false,
      temperature: 0.5,
      top_p: 0.9,
      top_k: 5,
      stop_sequences: ['x'],
      metadata: {},
      service_tier: 'auto',
      container: 'c',
      inference_geo: 'us',
    })) {
      const r = count({ ...hello, [k]: v });
      expect({ k, status: r.status, error: errorOf(r) }).toEqual({
        k,
        status: 400,
        error: { type: 'invalid_request_error', message: `${k}: Extra inputs are not permitted` },
      });
      expect(contract.validateResponseBody(400, r.json)).toEqual([]);
    }
    expect(count({ ...hello, speed: 'fast' }).status).toBe(200);
    for (const [k, v] of Object.entries({
      context_management: {},
      mcp_servers: [],
      output_format: { type: 'json_schema' },
    })) {
      expect({ k, status: count({ ...hello, [k]: v }).status }).toEqual({ k, status: 400 });
      expect({ k, status: count({ ...hello, [k]: v }, { 'anthropic-beta': 'some-beta-2025-01-01' }).status }).toEqual({
        k,
        status: 200,
      });
    }
  });

  test('the members come from the spec (CountMessageTokensParams), not from a list in the mock', () => {
    const deref = structuredClone(contract.deref);
    const schema = (deref.components!.schemas as Record<string, { properties: Record<string, unknown> }>)
      .CountMessageTokensParams!;
    delete schema.properties.system;
    schema.properties.speed = { ...(schema.properties.speed as object), 'x-anthropic-beta': true };
    const edited: Contract = { ...contract, deref };
    expect(errorOf(count(BODIES['a system string'], {}, edited)).message).toBe(
      'system: Extra inputs are not permitted',
    );
    expect(errorOf(count({ ...BODIES['one user turn'], speed: 'fast' }, {}, edited)).message).toBe(
      'speed: Extra inputs are not permitted',
    );
    expect(
      count({ ...BODIES['one user turn'], speed: 'fast' }, { 'anthropic-beta': 'fast-mode-2026-02-01' }, edited).status,
    ).toBe(200);
  });

  test('a member of the right name but the wrong shape is refused as in /v1/messages; an unknown model is a 404', () => {
    const r = count({ model, messages: [{ role: 'user' }] });
    expect(r.status).toBe(400);
    expect(errorOf(r).message).toBe(
      errorOf(call('POST', '/v1/messages', { model, max_tokens: 5, messages: [{ role: 'user' }] })).message,
    );
    const missing = count({ model });
    expect(errorOf(missing).message).toBe('messages: Field required');
    const unknown = count({ ...BODIES['one user turn'], model: 'claude-none-1' });
    expect(unknown.status).toBe(404);
    expect(contract.validateResponseBody(404, unknown.json)).toEqual([]);
  });
});

describe('models', () => {
  const list = (query = '') =>
    get(`/v1/models${query}`) as MockResult & {
      json: { data: Array<{ id: string }>; first_id: string | null; last_id: string | null; has_more: boolean };
    };
  const listed = () => Object.keys(contract.models).filter((m) => !contract.models[m]!.aliasOf);

  test('a page and each model validate against ModelListResponse and ModelInfo', () => {
    const page = list();
    expect(page.status).toBe(200);
    expect(contract.validate('ModelListResponse', page.json)).toEqual([]);
    expect(page.json.data).toHaveLength(20);
    expect(page.json).toMatchObject({
      first_id: page.json.data[0]!.id,
      last_id: page.json.data.at(-1)!.id,
      has_more: true,
    });
    for (const m of page.json.data) {
      const one = get(`/v1/models/${m.id}`);
      expect(one.status).toBe(200);
      expect(contract.validate('ModelInfo', one.json)).toEqual([]);
      expect(one.json).toEqual(m);
    }
  });

  test('walked forward with after_id = last_id, and backward with before_id = first_id, the pages list every model once, newest first', () => {
    const forward: string[] = [];
    let page = list('?limit=7');
    for (;;) {
      forward.push(...page.json.data.map((m) => m.id));
      if (!page.json.has_more) break;
      page = list(`?limit=7&after_id=${page.json.last_id}`);
    }
    expect(forward).toEqual(listed());
    const backward: string[] = [];
    page = list(`?limit=5&before_id=${listed().at(-1)}`);
    for (;;) {
      backward.unshift(...page.json.data.map((m) => m.id));
      if (!page.json.has_more) break;
      page = list(`?limit=5&before_id=${page.json.first_id}`);
    }
    expect(backward).toEqual(listed().slice(0, -1));
    expect(list('?limit=1000').json).toMatchObject({ has_more: false });
    expect(list('?limit=1000').json.data).toHaveLength(listed().length);
  });

  test('an alias resolves to the model it names; an unknown id is a 404 not_found_error', () => {
    const alias = Object.keys(contract.models).find((m) => contract.models[m]!.aliasOf)!;
    expect(get(`/v1/models/${alias}`).json).toMatchObject({ type: 'model', id: contract.models[alias]!.aliasOf });
    const unknown = get('/v1/models/claude-none-1');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).type).toBe('not_found_error');
    expect(contract.validateResponseBody(404, unknown.json)).toEqual([]);
  });

  test('limit outside 1..1000 or not an integer is a 400 invalid_request_error naming limit', () => {
    for (const limit of ['0', '1001', '-3', 'abc', '1.5', '']) {
      const r = list(`?limit=${limit}`);
      expect({ limit, status: r.status, type: errorOf(r).type }).toEqual({
        limit,
        status: 400,
        type: 'invalid_request_error',
      });
      expect(errorOf(r).message).toMatch(/^limit: /);
      expect(contract.validateResponseBody(400, r.json)).toEqual([]);
    }
    expect(list('?limit=1').json.data).toHaveLength(1);
  });

  test('a cursor that names no listed model answers an empty last page', () => {
    for (const q of [
      '?after_id=claude-none-1',
      '?before_id=claude-none-1',
      `?after_id=${listed().at(-1)}`,
      `?before_id=${listed()[0]}`,
    ]) {
      const r = list(q);
      expect({ q, json: r.json }).toEqual({ q, json: { data: [], first_id: null, last_id: null, has_more: false } });
      expect(contract.validate('ModelListResponse', r.json)).toEqual([]);
    }
  });

  test('the models routes take GET only, and need a key and a version', () => {
    expect(call('POST', '/v1/models', {}).status).toBe(405);
    expect(
      handle(
        contract,
        { apiKey: KEY },
        {
          method: 'GET',
          path: '/v1/models',
          query: new URLSearchParams(),
          headers: { 'anthropic-version': '2023-06-01' },
          body: '',
        },
      ).status,
    ).toBe(401);
    expect(
      handle(
        contract,
        { apiKey: KEY },
        { method: 'GET', path: '/v1/models', query: new URLSearchParams(), headers: { 'x-api-key': KEY }, body: '' },
      ).status,
    ).toBe(400);
  });
});
