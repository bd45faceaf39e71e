/**
 * The mock driven by the official TypeScript SDK (@anthropic-ai/sdk 1.14.0, which sends the key as
 * `Authorization: Bearer` and `anthropic-version: 2026-10-21`), as a team's application would drive
 * it in CI: calls, streams, a tool round trip, thinking, both auth headers, the SDK's typed errors,
 * and the resilience options (pacing, 529 / 429, in-stream errors, dropped streams). Every server a
 * test starts is closed by it.
 */
import Anthropic, {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { loadContract, type Contract } from '../../src/contract/spec';
import { startMock, type RunningServer, type ServerOptions } from '../../src/mock/server';
import { seeded } from '../../src/mock/chaos';

jest.setTimeout(30_000);

const KEY = 'sk-ant-mock-sdk-test';
let contract: Contract;
let server: RunningServer;
beforeAll(async () => {
  contract = await loadContract();
  server = await startMock(contract, { apiKey: KEY });
});
afterAll(() => server.close());

const client = (url = server.url, extra: ConstructorParameters<typeof Anthropic>[0] = {}) =>
  new Anthropic({ baseURL: url, apiKey: KEY, maxRetries: 0, ...extra });
/** A server of its own for one test, closed when the test ends. */
async function withServer<T>(options: Partial<ServerOptions>, run: (s: RunningServer) => Promise<T>): Promise<T> {
  const s = await startMock(contract, { apiKey: KEY, ...options });
  try {
    return await run(s);
  } finally {
    await s.close();
  }
}
const hello = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'Hello there' }],
};
const weather = {
  name: 'get_weather',
  description: 'The weather in a city.',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string', minLength: 2 } }, required: ['city'] },
};

describe('the SDK as an application uses it', () => {
  test('messages.create, with the key as Authorization: Bearer and anthropic-version 2026-10-21 (SDK defaults)', async () => {
    const seen: Headers[] = [];
    const spy: typeof fetch = (url, init) => (seen.push(new Headers(init?.headers)), fetch(url, init));
    const message = await client(server.url, { fetch: spy }).messages.create(hello);
    expect(seen[0]!.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(seen[0]!.get('anthropic-version')).toBe('2026-10-21');
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: 'You said: Hello there' }],
    });
    expect(message._request_id).toMatch(/^req_/);
  });

  test('the key as x-api-key, with anthropic-version 2026-10-21', async () => {
    const seen: Headers[] = [];
    const spy: typeof fetch = (url, init) => (seen.push(new Headers(init?.headers)), fetch(url, init));
    const c = new Anthropic({
      baseURL: server.url,
      apiKey: null,
      defaultHeaders: { 'X-Api-Key': KEY, Authorization: null },
      maxRetries: 0,
      fetch: spy,
    });
    const message = await c.messages.create(hello);
    expect([seen[0]!.get('x-api-key'), seen[0]!.get('authorization'), seen[0]!.get('anthropic-version')]).toEqual([
      KEY,
      null,
      '2026-10-21',
    ]);
    expect(message.content[0]).toMatchObject({ type: 'text' });
  });

  test('messages.stream → finalMessage(), with the text events in order', async () => {
    const stream = client().messages.stream({
      ...hello,
      messages: [{ role: 'user', content: 'Tell me about the sea and the sky' }],
    });
    const pieces: string[] = [];
    stream.on('text', (t) => pieces.push(t));
    const final = await stream.finalMessage();
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe('You said: Tell me about the sea and the sky');
    expect(final).toMatchObject({
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: 'You said: Tell me about the sea and the sky' }],
    });
    expect(final.usage.output_tokens).toBeGreaterThan(0);
  });

  test('a tool round trip: tool_use → tool_result → answer', async () => {
    const c = client();
    const ask = {
      ...hello,
      max_tokens: 256,
      tools: [weather],
      messages: [{ role: 'user' as const, content: 'What is the weather in Paris?' }],
    };
    const first = await c.messages.create({ ...ask, tool_choice: { type: 'tool', name: 'get_weather' } });
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((b) => b.type === 'tool_use');
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_weather', id: expect.stringMatching(/^toolu_/) });
    const second = await c.messages.create({
      ...ask,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call!.id, content: 'Sunny, 21 degrees' }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: 'You said: Sunny, 21 degrees' }]);
  });

  test('the tool round trip streamed: the SDK assembles the tool input from input_json_delta', async () => {
    const final = await client()
      .messages.stream({
        ...hello,
        max_tokens: 256,
        tools: [weather],
        tool_choice: { type: 'any' },
        messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      })
      .finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'xx' } });
  });

  test('thinking: a signed thinking block before the answer, JSON and streamed', async () => {
    const body = { ...hello, max_tokens: 1100, thinking: { type: 'enabled' as const, budget_tokens: 1024 } };
    const json = await client().messages.create(body);
    const streamed = await client().messages.stream(body).finalMessage();
    for (const m of [json, streamed]) {
      expect(m.content.map((b) => b.type)).toEqual(['thinking', 'text']);
      expect(m.content[0]).toMatchObject({ type: 'thinking', signature: expect.stringMatching(/.{16}/) });
    }
  });
});

describe('the other endpoints a client calls', () => {
  test('models.list pages through the model table, newest first; models.retrieve resolves an alias', async () => {
    const c = client();
    const ids: string[] = [];
    for await (const m of c.models.list({ limit: 7 })) ids.push(m.id);
    const listed = Object.entries(contract.models)
      .filter(([, m]) => !m.aliasOf)
      .map(([id]) => id);
    expect(ids).toEqual(listed);
    expect(ids).toContain('claude-3-5-sonnet-20241022');
    expect(ids).not.toContain('claude-3-5-sonnet-latest');
    const info = await c.models.retrieve('claude-3-5-sonnet-latest');
    expect(info).toMatchObject({
      type: 'model',
      id: 'claude-3-5-sonnet-20241022',
      display_name: 'Claude 3.5 Sonnet',
      created_at: '2024-10-22T00:00:00Z',
    });
    expect((await c.models.retrieve('claude-sonnet-4-6')).max_tokens).toBe(64000);
    await expect(c.models.retrieve('claude-does-not-exist')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('messages.countTokens counts; a generation field there is an extra input', async () => {
    const c = client();
    const { model, messages } = hello;
    expect((await c.messages.countTokens({ model, messages, system: 'Be brief.' })).input_tokens).toBeGreaterThan(0);
    const e = await c.messages.countTokens({ model, messages, max_tokens: 5 } as never).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(BadRequestError);
    expect((e as BadRequestError).message).toContain('max_tokens: Extra inputs are not permitted');
  });
});

describe("the SDK's typed errors", () => {
  const rejection = async (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  test('AuthenticationError for a wrong key, as Bearer and as x-api-key', async () => {
    const bearer = await rejection(client(server.url, { apiKey: 'sk-ant-wrong' }).messages.create(hello));
    expect(bearer).toBeInstanceOf(AuthenticationError);
    expect(bearer).toMatchObject({ status: 401, type: 'authentication_error' });
    const header = await rejection(
      new Anthropic({
        baseURL: server.url,
        apiKey: null,
        defaultHeaders: { 'X-Api-Key': 'sk-ant-wrong', Authorization: null },
        maxRetries: 0,
      }).messages.create(hello),
    );
    expect(header).toBeInstanceOf(AuthenticationError);
    expect((header as AuthenticationError).message).toContain('invalid x-api-key');
  });

  test('NotFoundError for an unknown model', async () => {
    const e = await rejection(client().messages.create({ ...hello, model: 'claude-does-not-exist' }));
    expect(e).toBeInstanceOf(NotFoundError);
    expect((e as NotFoundError).message).toContain('model: claude-does-not-exist');
  });

  test("BadRequestError in the API's words, with its request id", async () => {
    const e = await rejection(client().messages.create({ ...hello, frobnicate: true } as never));
    expect(e).toBeInstanceOf(BadRequestError);
    expect((e as BadRequestError).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'frobnicate: Extra inputs are not permitted' },
    });
    expect((e as BadRequestError).requestID).toMatch(/^req_/);
    // Under 2026-10-21 (the SDK's version) sampling parameters are refused, as the API refuses them.
    const t = await rejection(client().messages.create({ ...hello, temperature: 0.5 } as never));
    expect((t as BadRequestError).message).toContain('temperature: Extra inputs are not permitted');
  });

  test('RateLimitError with retry-after and the rate-limit headers (an injected 429)', () =>
    withServer({ chaos: { rateLimitedRate: 1, retryAfterSeconds: 7 } }, async (s) => {
      const e = await rejection(client(s.url).messages.create(hello));
      expect(e).toBeInstanceOf(RateLimitError);
      const headers = (e as RateLimitError).headers!;
      expect(headers.get('retry-after')).toBe('7');
      expect(headers.get('x-should-retry')).toBe('true');
      expect(Number(headers.get('anthropic-ratelimit-requests-limit'))).toBeGreaterThan(0);
      expect(headers.get('anthropic-ratelimit-tokens-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }));

  test('RateLimitError past an enforced limit, with the seconds until the bucket refills', () =>
    withServer({ rateLimits: { requestsPerMinute: 2 } }, async (s) => {
      const c = client(s.url);
      const first = await c.messages.create(hello).withResponse();
      expect(first.response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('1');
      await c.messages.create(hello);
      const e = await rejection(c.messages.create(hello));
      expect(e).toBeInstanceOf(RateLimitError);
      expect(Number((e as RateLimitError).headers!.get('retry-after'))).toBeGreaterThanOrEqual(29);
      expect((e as RateLimitError).headers!.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    }));
});

describe('resilience: pacing and faults on demand', () => {
  test('the SDK retries a 529 overloaded_error and succeeds', async () => {
    // A seed whose first draw overloads and whose second does not, at a rate of one in two.
    const seed = Array.from({ length: 100 }, (_, i) => i).find((i) => {
      const r = seeded(i);
      return r() < 0.5 && r() >= 0.5;
    })!;
    await withServer({ chaos: { overloadedRate: 0.5, retryAfterSeconds: 0, seed } }, async (s) => {
      const message = await client(s.url, { maxRetries: 2 }).messages.create(hello);
      expect(message.content[0]).toMatchObject({ type: 'text' });
      expect(s.requests()).toBe(2);
    });
  });

  test('an in-stream error event after some deltas raises an APIError (overloaded_error)', () =>
    withServer({ chaos: { streamErrorRate: 1 } }, async (s) => {
      const stream = client(s.url).messages.stream({
        ...hello,
        messages: [{ role: 'user', content: 'Tell me about the sea and the sky' }],
      });
      const pieces: string[] = [];
      stream.on('text', (t) => pieces.push(t));
      const e = await stream.finalMessage().then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(APIError);
      expect(String((e as APIError).message)).toContain('overloaded_error');
      expect(pieces.length).toBeGreaterThan(0);
    }));

  test('a stream cut mid-way raises, never hangs', () =>
    withServer({ chaos: { dropRate: 1, tokensPerSecond: 200 } }, async (s) => {
      const started = Date.now();
      const e = await client(s.url)
        .messages.stream({ ...hello, messages: [{ role: 'user', content: 'Tell me about the sea and the sky' }] })
        .finalMessage()
        .then(
          () => undefined,
          (x: unknown) => x,
        );
      expect(e).toBeInstanceOf(Error);
      expect(Date.now() - started).toBeLessThan(10_000);
    }));

  test('a JSON answer whose connection drops: APIConnectionError once retries are spent', () =>
    withServer({ chaos: { dropRate: 1 } }, async (s) => {
      const e = await client(s.url, { maxRetries: 1 })
        .messages.create(hello)
        .then(
          () => undefined,
          (x: unknown) => x,
        );
      expect(e).toBeInstanceOf(APIConnectionError);
      expect(s.requests()).toBe(2);
    }));

  test('pacing: the first token after first-token-ms, then tokens at tokens-per-second', () =>
    withServer({ chaos: { firstTokenMs: 300, tokensPerSecond: 20 } }, async (s) => {
      const started = Date.now();
      let firstAt = 0;
      const stream = client(s.url).messages.stream({
        ...hello,
        messages: [{ role: 'user', content: 'one two three four five six' }],
      });
      stream.on('text', () => (firstAt ||= Date.now() - started));
      const final = await stream.finalMessage();
      const total = Date.now() - started;
      expect(firstAt).toBeGreaterThanOrEqual(300);
      // 8 output tokens at 20 per second: about 400 ms after the first-token wait.
      expect(final.usage.output_tokens).toBe(8);
      expect(total).toBeGreaterThanOrEqual(300 + (8 / 20) * 1000 - 50);
      const jsonStarted = Date.now();
      await client(s.url).messages.create({
        ...hello,
        messages: [{ role: 'user', content: 'one two three four five six' }],
      });
      expect(Date.now() - jsonStarted).toBeGreaterThanOrEqual(300 + 400 - 50);
    }));
});

describe('headers on every answer, as the API sends them', () => {
  test('request-id, anthropic-organization-id and anthropic-ratelimit-* on a 200 and on an error', async () => {
    const ok = await client().messages.create(hello).withResponse();
    const bad = await client()
      .messages.create({ ...hello, model: 'claude-does-not-exist' })
      .then(
        () => undefined,
        (e: NotFoundError) => e.headers!,
      );
    for (const h of [ok.response.headers, bad!]) {
      expect(h.get('request-id')).toMatch(/^req_/);
      expect(h.get('anthropic-organization-id')).toMatch(/^[0-9a-f-]{36}$/);
      for (const bucket of ['requests', 'tokens', 'input-tokens', 'output-tokens'])
        for (const part of ['limit', 'remaining', 'reset'])
          expect(h.get(`anthropic-ratelimit-${bucket}-${part}`)).toBeTruthy();
    }
    expect(Number(ok.response.headers.get('anthropic-ratelimit-input-tokens-remaining')) % 1000).toBe(0);
  });
});
