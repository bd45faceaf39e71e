/**
 * Memory stays bounded whatever a server sends (issue #11): an area keeps all its exchanges until it
 * ends, so what each keeps of a 10 MB body must be small. The retained heap is measured after a
 * forced collection, holding the results of a dozen 10 MB answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { suiteContext } from '../../src/suite/context';
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
    const ctx = await suiteContext({ ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: 'memory-key-0123456789', CONTRACT_RETRIES: '0' }, { fresh: true });
    const body = { model: ctx.config.model, max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] };
    const cases = Array.from({ length: 12 }, (_, i) => ({ name: `big/${i}`, body: i % 2 ? { ...body, stream: true } : body, meta: { mode: 'positive' as const, expect: { status: 200 } } }));
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
