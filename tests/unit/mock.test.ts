/** The reference mock, in process with supertest: it answers as the contract says a conformant server does. */
import request from 'supertest';
import http from 'node:http';
import { loadContract, type Contract } from '../../src/contract/spec';
import { handle, type MockOptions } from '../../src/mock/handle';
import { writeResult } from '../../src/mock/server';
import { parseSse } from '../../src/stream/sse';
import { checkGrammar } from '../../src/stream/grammar';
import { toStreamEvents } from '../../src/stream/events';

const KEY = 'mock-test-key-123';
let contract: Contract;
let app: http.Server;

beforeAll(async () => {
  contract = await loadContract();
  const options: MockOptions = { apiKey: KEY };
  app = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const at = url.pathname.indexOf('/v1/');
      writeResult(
        res,
        handle(contract, options, {
          method: req.method!,
          path: url.pathname.slice(Math.max(at, 0)),
          query: url.searchParams,
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
});

const post = (path = '/v1/messages') =>
  request(app)
    .post(path)
    .set('x-api-key', KEY)
    .set('anthropic-version', '2023-06-01')
    .set('content-type', 'application/json');
const hello = () => contract.requestExample('hello') as Record<string, unknown>;

test('the Create-a-Message example gets a Message that validates', async () => {
  const res = await post().send(hello()).expect(200).expect('content-type', 'application/json');
  expect(res.headers['request-id']).toMatch(/^req_/);
  expect(contract.validateResponseBody(200, res.body)).toEqual([]);
  expect(res.body.content[0].text).toBe('You said: Hello, Claude! How are you today?');
});

test('max_tokens cuts the answer and says so', async () => {
  const res = await post()
    .send({ ...hello(), max_tokens: 2 })
    .expect(200);
  expect(res.body.stop_reason).toBe('max_tokens');
  expect(res.body.usage.output_tokens).toBe(2);
});

test('a stop sequence ends the answer before it', async () => {
  const res = await post()
    .send({ ...hello(), stop_sequences: ['How'] })
    .expect(200);
  expect(res.body).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'How' });
  expect(res.body.content[0].text).not.toContain('How');
});

test('a forced tool is called with an input its schema accepts', async () => {
  const tool = {
    name: 'get_weather',
    input_schema: { type: 'object', properties: { city: { type: 'string', minLength: 2 } }, required: ['city'] },
  };
  const res = await post()
    .send({ ...hello(), tools: [tool], tool_choice: { type: 'tool', name: 'get_weather' } })
    .expect(200);
  expect(res.body.stop_reason).toBe('tool_use');
  expect(res.body.content[0]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'xx' } });
});

test('a stream follows the grammar, with a ping, as text/event-stream', async () => {
  const res = await post()
    .send({ ...hello(), stream: true })
    .buffer(true)
    .parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  const events = toStreamEvents(parseSse(res.body as string).events);
  expect(events.map((e) => e.name)).toContain('ping');
  expect(checkGrammar(events).violations).toEqual([]);
});

test.each([
  ['no key', (r: request.Test) => r.unset('x-api-key'), 401, 'authentication_error'],
  ['a wrong key', (r: request.Test) => r.set('x-api-key', 'nope'), 401, 'authentication_error'],
  ['no version', (r: request.Test) => r.unset('anthropic-version'), 400, 'invalid_request_error'],
  ['an unknown version', (r: request.Test) => r.set('anthropic-version', '2099-01-01'), 400, 'invalid_request_error'],
])('%s gets %i %s', async (_name, edit, status, type) => {
  const res = await edit(post()).send(hello());
  expect(res.status).toBe(status);
  expect(res.body.error.type).toBe(type);
  expect(contract.validateResponseBody(status, res.body)).toEqual([]);
});

test('the key is also accepted as Authorization: Bearer', async () => {
  await request(app)
    .post('/v1/messages')
    .set('authorization', `Bearer ${KEY}`)
    .set('anthropic-version', '2026-10-21')
    .set('content-type', 'application/json')
    .send(hello())
    .expect(200);
});

test('invalid bodies get 400 invalid_request_error naming the field', async () => {
  const res = await post()
    .send({ ...hello(), max_tokens: -1 })
    .expect(400); // 0 is valid (it pre-warms the prompt cache)
  expect(res.body.error).toMatchObject({
    type: 'invalid_request_error',
    message: expect.stringMatching(/^max_tokens: /),
  });
  const extra = await post()
    .send({ ...hello(), response_format: {} })
    .expect(400);
  expect(extra.body.error.message).toMatch(/response_format/);
});

test('beta fields only on beta requests', async () => {
  const mcp = { mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'example' }] };
  expect(
    (
      await post()
        .send({ ...hello(), ...mcp })
        .expect(400)
    ).body.error.message,
  ).toBe('mcp_servers: Extra inputs are not permitted');
  await post('/v1/messages?beta=true')
    .send({ ...hello(), ...mcp })
    .expect(200);
  await post()
    .set('anthropic-beta', 'mcp-client-2025-11-20')
    .send({ ...hello(), ...mcp })
    .expect(200);
});

test('an unknown model is 404 not_found_error; above the model ceiling is 400', async () => {
  expect(
    (
      await post()
        .send({ ...hello(), model: 'claude-nope' })
        .expect(404)
    ).body.error.type,
  ).toBe('not_found_error');
  await post()
    .send({ ...hello(), max_tokens: contract.modelMaxOutputTokens['claude-sonnet-4-20250514']! + 1 })
    .expect(400);
});

test('served under a path prefix, as a Microcks sandbox is', async () => {
  await post('/rest/anthropic-models-api/2025-03-05/v1/messages').send(hello()).expect(200);
});
