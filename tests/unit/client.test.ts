/**
 * The HTTP client's safety: retries on 429/529 with the server's retry-after, dropped
 * connections, timeouts for headers and for stalls, a cap on endless bodies, and the budget.
 */
import http from 'node:http';
import { isUtf8 } from 'node:buffer';
import type { AddressInfo } from 'node:net';
import { send } from '../../src/http/client';
import { clientTarget, MESSAGES } from '../helpers/client-target';
import { Budget, BudgetExhausted } from '../../src/http/budget';
import { retryDelayMs } from '../../src/http/retry';
import { firstInvalidByte, invalidUtf8At } from '../../src/http/utf8';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;
const servers: http.Server[] = [];
afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: Handler): Promise<{ url: string; count: () => number }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res, n++));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => n };
}

const target = clientTarget;
const body = { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] };
const json = (res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
};
const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };

test('529 then 200: retried after retry-after-ms, the 529 is kept for checking', async () => {
  const s = await serve((_q, res, n) =>
    n === 0 ? json(res, 529, overloaded, { 'retry-after-ms': '20' }) : json(res, 200, { ok: true }),
  );
  const ex = await send(
    target(s.url),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.response!.status).toBe(200);
  expect(ex.retried.map((r) => r.status)).toEqual([529]);
  expect(ex.unavailable).toBe(false);
});

test('always 529: unavailable once retries run out, and no more requests than 1 + retries', async () => {
  const s = await serve((_q, res) => json(res, 529, overloaded, { 'retry-after-ms': '5' }));
  const ex = await send(
    target(s.url, { retries: 2 }),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.unavailable).toBe(true);
  expect(s.count()).toBe(3);
});

test('retry delays follow retry-after-ms, then retry-after, then a bounded backoff', () => {
  expect(retryDelayMs({ 'retry-after-ms': '250' }, 0)).toBe(250);
  expect(retryDelayMs({ 'retry-after': '2' }, 0)).toBe(2000);
  expect(retryDelayMs({}, 10)).toBeLessThanOrEqual(8000);
  // Backoff with jitter: between 75 % and 100 % of 0.5 s × 2^attempt.
  for (let i = 0; i < 20; i++) expect(retryDelayMs({}, 1)).toBeGreaterThanOrEqual(750);
  expect(new Set(Array.from({ length: 20 }, () => retryDelayMs({}, 2))).size).toBeGreaterThan(1);
});

test('no response headers in time: a stream times out after CONTRACT_TIMEOUT_MS, a JSON request at its whole-request limit', async () => {
  const s = await serve(() => {});
  let started = Date.now();
  const streamed = await send(
    target(s.url, { timeoutMs: 200 }),
    { name: 'x', operation: 'messages', body: { ...body, stream: true } },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(streamed.transportError?.kind).toBe('timeout');
  expect(Date.now() - started).toBeLessThan(1500);
  // JSON headers come only when the answer is ready: 200 ms + 5 tokens at 10 tokens/s = 700 ms.
  started = Date.now();
  const json = await send(
    target(s.url, { timeoutMs: 200, minTokensPerSecond: 10 }),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(json.transportError).toMatchObject({ kind: 'deadline', message: expect.stringContaining('700 ms') });
  expect(Date.now() - started).toBeGreaterThanOrEqual(650);
  expect(Date.now() - started).toBeLessThan(2000);
});

test('a body that trickles one byte at a time never outlives the whole-request limit', async () => {
  const s = await serve((_q, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 50);
    res.on('close', () => clearInterval(t));
  });
  const started = Date.now();
  const ex = await send(
    target(s.url, { timeoutMs: 300, minTokensPerSecond: 50 }),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.transportError?.kind).toBe('deadline');
  expect(Date.now() - started).toBeLessThan(1500);
});

test('a Content-Length larger than the body, on a kept-open connection: an idle timeout', async () => {
  const s = await serve((_q, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"type":"message"');
  });
  const ex = await send(
    target(s.url, { timeoutMs: 300 }),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.transportError?.kind).toBe('idle');
});

test('the run deadline caps every request and every retry wait', async () => {
  const silent = await serve(() => {});
  const started = Date.now();
  const ex = await send(
    target(silent.url, { timeoutMs: 10_000, runDeadline: Date.now() + 300 }),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.transportError?.kind).toBe('run_limit');
  expect(Date.now() - started).toBeLessThan(1500);
  // A retry-after beyond the run's end is not waited for: the answer stands as unavailable.
  const busy = await serve((_q, res) => json(res, 529, overloaded, { 'retry-after': '30' }));
  const t0 = Date.now();
  const retried = await send(
    target(busy.url, { runDeadline: Date.now() + 2000 }),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(retried.unavailable).toBe(true);
  expect(Date.now() - t0).toBeLessThan(1000);
});

test('a stream answered without a Content-Type is still read as SSE; invalid UTF-8 is recorded', async () => {
  const s = await serve((_q, res) => {
    res.writeHead(200);
    res.write('event: ping\ndata: {"type":"ping"}\n\n');
    res.end(Buffer.concat([Buffer.from('event: x\ndata: {"t":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n\n')]));
  });
  const ex = await send(
    target(s.url),
    { name: 'x', operation: 'messages', body: { ...body, stream: true } },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.response!.events!.map((e) => e.event)).toEqual(['ping', 'x']);
  expect(ex.response!.invalidUtf8).toMatchObject({ offset: expect.any(Number) });
});

test('a stream that stalls: an idle timeout, with the events read so far kept', async () => {
  const s = await serve((_q, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: message_start\ndata: {"type":"message_start"}\n\n');
  });
  const started = Date.now();
  const ex = await send(
    target(s.url, { timeoutMs: 200 }),
    { name: 'x', operation: 'messages', body: { ...body, stream: true } },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.transportError?.kind).toBe('idle');
  expect(ex.response!.events).toHaveLength(1);
  expect(Date.now() - started).toBeLessThan(1500);
});

test('an endless body is cut at the cap', async () => {
  const s = await serve((_q, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1 << 20, 'x');
    const pump = () => {
      while (res.write(chunk)) if (res.destroyed) return;
      res.once('drain', pump);
    };
    pump();
  });
  const ex = await send(
    target(s.url, { timeoutMs: 2000 }),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.transportError?.kind).toBe('too_large');
});

test('the budget is never exceeded: a request past it is refused, a retry past it ends as unavailable', async () => {
  const s = await serve((_q, res) => json(res, 529, overloaded, { 'retry-after-ms': '1' }));
  const budget = new Budget(2, 0);
  const ex = await send(
    target(s.url, { retries: 5 }),
    { name: 'x', operation: 'messages', body },
    { budget, route: MESSAGES },
  );
  expect(ex.unavailable).toBe(true);
  expect(s.count()).toBe(2);
  await expect(
    send(target(s.url), { name: 'y', operation: 'messages', body }, { budget, route: MESSAGES }),
  ).rejects.toBeInstanceOf(BudgetExhausted);
  expect(s.count()).toBe(2);
  const tokens = new Budget(0, 8);
  await expect(
    send(
      target(s.url, { retries: 0 }),
      { name: 'z', operation: 'messages', body: { ...body, max_tokens: 9 } },
      { budget: tokens, route: MESSAGES },
    ),
  ).rejects.toBeInstanceOf(BudgetExhausted);
});

test('a refused connection is "unreachable", named with the URL', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  const ex = await send(
    target(`http://127.0.0.1:${port}`),
    { name: 'x', operation: 'messages', body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );
  expect(ex.transportError?.kind).toBe('connect');
  expect(ex.transportError?.message).toBe(
    `cannot reach http://127.0.0.1:${port}/v1/messages: ECONNREFUSED (nothing listens there)`,
  );
});

test('the UTF-8 scanner agrees with Node on random bytes, and names the first bad byte', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
  for (let n = 0; n < 3000; n++) {
    const b = Buffer.from(Array.from({ length: 1 + (n % 12) }, () => (n % 3 ? rnd() : 0x80 + (rnd() % 0x78))));
    const at = firstInvalidByte(b);
    expect(at === b.length).toBe(isUtf8(b));
    if (at < b.length) expect(isUtf8(b.subarray(0, at))).toBe(true);
  }
  expect(invalidUtf8At(Buffer.from('{"t":"é"}'))).toBeUndefined();
  expect(invalidUtf8At(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22]))).toEqual({ offset: 2, excerpt: '7b 22 c3 28 22' });
});
