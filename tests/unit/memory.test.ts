/**
 * Memory stays bounded whatever a server sends: an area keeps all its exchanges until it
 * ends, so what each keeps of a 10 MB body must be small. The retained heap is measured after a
 * forced collection, holding the results of a dozen 10 MB answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { runFromEnv } from '../../src/suite/run';
import { runCases } from '../../src/suite/run-cases';
import { MAX_BODY_BYTES } from '../../src/http/client';

jest.setTimeout(60_000);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

test('a dozen answers of 12 MB each (JSON and streams alike) leave a few MB on the heap, not 120', async () => {
  const chunk = Buffer.alloc(1 << 20, 'x');
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${Math.random()}` });
      let sent = 0;
      const pump = (): void => {
        while (sent < 12 && !res.destroyed) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ctx = await runFromEnv({
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: 'memory-key-0123456789',
      CONTRACT_RETRIES: '0',
    });
    const body = { model: ctx.config.model, max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] };
    const cases = Array.from({ length: 12 }, (_, i) => ({
      name: `big/${i}`,
      operation: 'messages' as const,
      body: i % 2 ? { ...body, stream: true } : body,
      meta: { mode: 'positive' as const, expect: { status: 200 } },
    }));
    const before = heap();
    const results = await runCases(ctx, cases);
    const retained = heap() - before;
    expect(results.every((r) => r.exchange.transportError?.kind === 'too_large')).toBe(true);
    expect(MAX_BODY_BYTES).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    expect(retained).toBeLessThan(40 * 1024 * 1024);
    expect(results.length).toBe(12);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('a valid 9 MB stream (60,000 deltas) and a 5 MB 429 before each answer leave a few MB each, not their parsed events', async () => {
  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  const delta = frame('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text: 'word ' },
  });
  const stream = [
    frame('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'm',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 5, output_tokens: 1 },
      },
    }),
    frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    delta.repeat(60_000),
    frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
    frame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 60_000 },
    }),
    frame('message_stop', { type: 'message_stop' }),
  ].join('');
  const busy = JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'x'.repeat(5 << 20) } });
  const seen = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const n = (seen.get(body) ?? 0) + 1;
      seen.set(body, n);
      if (n === 1) {
        res.writeHead(429, {
          'content-type': 'application/json',
          'request-id': `req_${Math.random()}`,
          'retry-after-ms': '1',
        });
        return void res.end(busy);
      }
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': `req_${Math.random()}` });
      res.end(stream);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ctx = await runFromEnv({
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: 'memory-key-0123456789',
      CONTRACT_RETRIES: '2',
      CONTRACT_CONCURRENCY: '2',
    });
    const cases = Array.from({ length: 6 }, (_, i) => ({
      name: `long/${i}`,
      operation: 'messages' as const,
      body: {
        model: ctx.config.model,
        max_tokens: 64000,
        stream: true,
        messages: [{ role: 'user', content: `Go on ${i}` }],
      },
      meta: { mode: 'positive' as const, expect: { status: 200 } },
    }));
    const before = heap();
    const results = await runCases(ctx, cases);
    const retained = heap() - before;
    expect(results.map((r) => [r.exchange.response?.status, r.exchange.retried.length])).toEqual(
      cases.map(() => [200, 1]),
    );
    expect(retained).toBeLessThan(60 * 1024 * 1024);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
