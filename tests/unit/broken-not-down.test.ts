/**
 * Broken is not down: an answer that is not valid HTTP is non-conformance (exit 1), named by what
 * the parser refused; unavailable stays for refused connections, resets before any answer and
 * overload through every retry. The start-up probe counts any byte back as reachable. One fault,
 * one wait: a kind of request that stalled once is not waited for in full again.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadContract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import { send, type Target } from '../../src/http/client';
import { clientTarget, MESSAGES } from '../helpers/client-target';
import { Budget } from '../../src/http/budget';
import { preflight, TargetUnreachable } from '../../src/http/preflight';
import { serializeArea } from '../../src/report/serialize';
import { totalsOf } from '../../src/report/results';
import { EXIT, exitCodeOf } from '../../src/engine/exit-codes';
import { BROKEN, type FixtureServer } from '../fixtures/servers/catalogue';
import { runSuite, type SuiteRun } from '../helpers/run-suite';
import { requestKind, stalledQuietMs } from '../../src/suite/run-cases';

const KEY = 'broken-key-0123456789';
jest.setTimeout(120_000);

const servers: net.Server[] = [];
afterAll(async () => {
  for (const s of servers) (s as http.Server).closeAllConnections?.();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A raw TCP server on 127.0.0.1: `onConnection` writes whatever bytes it likes. */
async function raw(onConnection: (socket: net.Socket) => void): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  servers.push(Object.assign(server, { closeAllConnections: () => sockets.forEach((s) => s.destroy()) }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const fixture = (name: string) => BROKEN.find((f) => f.name === name)!;
async function against(f: FixtureServer, env: Record<string, string> = {}): Promise<SuiteRun> {
  const server = await startMock(await loadContract(), { apiKey: KEY, fault: f.fault });
  try {
    return await runSuite(server.url, KEY, { ...f.env, ...env });
  } finally {
    await server.close();
  }
}

const target = clientTarget;
const body = { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] };
const sendOnce = (url: string, o: Partial<Target> = {}, stream = false) =>
  send(
    target(url, o),
    { name: 'x', operation: 'messages', body: stream ? { ...body, stream: true } : body },
    { budget: new Budget(0, 0), route: MESSAGES },
  );

describe('an answer that is not valid HTTP is non-conformance, named', () => {
  test('a request-id header with raw control characters: transport_complete fails (exit 1) naming what the parser refused, nothing is "unavailable"', async () => {
    const run = await against(fixture('request-id-with-control-characters'));
    expect(run.unavailable.size).toBe(0);
    const transport = run.failures.filter((f) => f.checkId === 'transport_complete');
    expect(transport.length).toBeGreaterThan(10);
    for (const f of transport)
      expect(f).toMatchObject({ category: 'nonconformance', key: 'transport_complete:invalid_http' });
    expect(transport[0]!.detail).toMatch(
      /not valid HTTP \(in its status line and headers\): .*Invalid header value char.*\[HPE_INVALID_HEADER_TOKEN\]/,
    );
    const totals = totalsOf(run.outcomes.map((o) => serializeArea(o, { apiKey: KEY })));
    expect(totals.unavailable).toBe(0);
    expect(exitCodeOf(totals)).toBe(EXIT.nonconformant);
  });

  test('a body the parser refuses (a bad chunk size) is named too, and not retried as a dropped connection', async () => {
    let n = 0;
    const url = await raw((socket) =>
      socket.once('data', () => {
        n += 1;
        socket.end(
          'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n5\r\nevent\r\nZZ\r\n',
        );
      }),
    );
    const ex = await sendOnce(url, {}, true);
    expect(ex.transportError).toMatchObject({
      kind: 'invalid_http',
      message: expect.stringMatching(/in its body.*chunk size.*HPE_INVALID_CHUNK_SIZE/),
    });
    expect(ex.unavailable).toBe(false);
    expect(n).toBe(1);
  });

  test('a reset before any answer is still unavailable once retries run out; a refused connection unreachable', async () => {
    const url = await raw((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const reset = await sendOnce(url, { retries: 1 });
    expect(reset.unavailable).toBe(true);
    const closed = await raw(() => undefined);
    const port = new URL(closed).port;
    await new Promise((r) => servers.pop()!.close(r));
    const refused = await sendOnce(`http://127.0.0.1:${port}`);
    expect(refused).toMatchObject({
      unavailable: false,
      transportError: { kind: 'connect', message: expect.stringContaining('ECONNREFUSED') },
    });
  });
});

describe('the start-up probe: any byte back is an answer', () => {
  test('a status line and headers that never end: reachable, at once', async () => {
    const url = await raw((socket) =>
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-still-coming: ')),
    );
    const started = Date.now();
    await expect(preflight(url, 5000)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('an answer that is not valid HTTP: reachable (the suite then judges it)', async () => {
    const url = await raw((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nrequest-id: req_\u0001\r\n\r\n')),
    );
    await expect(preflight(url, 5000)).resolves.toBeUndefined();
  });

  test('silence, and a refused connection: unreachable, in one line naming the URL', async () => {
    const silent = await raw(() => undefined);
    await expect(preflight(silent, 300)).rejects.toThrow(
      new TargetUnreachable(`target unreachable: no answer within 0.3 s (ANTHROPIC_BASE_URL=${silent})`),
    );
    const closed = await raw(() => undefined);
    await new Promise((r) => servers.pop()!.close(r));
    await expect(preflight(closed, 1000)).rejects.toThrow(
      /target unreachable: cannot reach .*ECONNREFUSED \(nothing listens there\)/,
    );
  });

  test('a plain HTTP server answering 404: reachable', async () => {
    const server = http.createServer((_q, res) => res.writeHead(404).end());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    await expect(
      preflight(`http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`, 2000),
    ).resolves.toBeUndefined();
  });
});

describe('one fault, one wait', () => {
  test('every stream stops after its second event: the quiet limit is paid about once in the run, not once per area', async () => {
    const f = fixture('streams-stop-after-second-event');
    const quiet = Number(f.env!.CONTRACT_TIMEOUT_MS);
    const run = await against(f);
    expect(run.failing.has('transport_complete')).toBe(true);
    const streams = run.outcomes
      .flatMap((o) => o.results.map((r) => ({ area: o.area.id, ex: r.exchange })))
      .filter(({ ex }) => requestKind(ex.case) === 'messages stream');
    // Waited in full: only the streams sent before the first stall was known (one per lane at most).
    const fullWaits = streams.filter(({ ex }) => !ex.notSent && ex.durationMs >= quiet);
    expect(fullWaits.length).toBeGreaterThan(0);
    expect(fullWaits.length).toBeLessThanOrEqual(4);
    expect(new Set(fullWaits.map((s) => s.area)).size).toBe(1);
    // Later areas wait a short quiet limit at most, and once the breaker trips send no stream at all.
    const firstArea = fullWaits[0]!.area;
    const later = streams.filter((s) => s.area !== firstArea);
    expect(later.length).toBeGreaterThan(0);
    expect(
      later
        .filter((s) => !s.ex.notSent && s.ex.durationMs >= stalledQuietMs(quiet) + 500)
        .map((s) => [s.area, s.ex.case.name, s.ex.durationMs]),
    ).toEqual([]);
    const held = later.filter((s) => s.ex.notSent);
    expect(held.length).toBeGreaterThan(later.length / 2);
    expect(held[0]!.ex.transportError!.message).toMatch(
      /not sent: 3 messages stream requests in a row got no complete answer in time earlier in this run/,
    );
    // The areas after the first stalling one end in less than a quiet limit each.
    for (const o of run.outcomes.filter((x) => x.area.id !== firstArea))
      expect([o.area.id, o.durationMs < quiet]).toEqual([o.area.id, true]);
  });
});
