/**
 * The validating proxy between real clients and a server: the official SDK (and raw requests) go
 * through it to the reference mock (a clean report) and to a broken fixture server (its finding,
 * naming the client's request and its place in traffic.har); a wrong client's request is reported
 * as the client's; streams arrive unbuffered (time to first token measured direct and through the
 * proxy), 50 at once arrive whole and in order, a client that leaves mid-stream stops no other;
 * traffic.har holds no credential and `check-recorded` reads it back with the same verdicts.
 */
import { Redactor } from '../../src/http/redact';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import Anthropic from '@anthropic-ai/sdk';
import { loadContract, type Contract } from '../../src/contract/spec';
import { startMock, type RunningServer, type ServerOptions } from '../../src/mock/server';
import { startProxy, type ProxyResults, type RunningProxy } from '../../src/proxy/proxy';
import { Verdicts } from '../../src/proxy/verdicts';
import { harEntry, HAR_FILE } from '../../src/proxy/har';
import { fromHarEntry } from '../../src/recorded/load';
import { checkRecorded } from '../../src/engine/check-recorded';
import { main } from '../../src/cli/main';
import { BROKEN } from '../fixtures/servers/catalogue';
import { tempDir } from '../helpers/temp';
import type { RunResults } from '../../src/report/results';

jest.setTimeout(60_000);

const KEY = 'sk-ant-proxy-test-0123456789abcdef';
const hello = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'Hello there' }],
};
let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

/** A mock (with options) and a proxy in front of it, both closed when `run` ends; the proxy's results. */
async function through<T>(
  options: Partial<ServerOptions>,
  run: (proxy: RunningProxy, upstream: RunningServer) => Promise<T>,
  reportsDir?: string,
): Promise<{ value: T; results: ProxyResults }> {
  const upstream = await startMock(contract, { apiKey: KEY, ...options });
  const proxy = await startProxy({ upstream: upstream.url, reportsDir, contract });
  try {
    const value = await run(proxy, upstream);
    return { value, results: await proxy.close() };
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

const sdk = (baseURL: string) => new Anthropic({ baseURL, apiKey: KEY, maxRetries: 0 });

/** Everything a failure says, by check id (failures and warnings apart). */
const findings = (r: RunResults, kind: 'failures' | 'warnings' = 'failures') =>
  r.areas.flatMap((a) =>
    a.checks.flatMap((c) =>
      c[kind].map((f) => ({ check: c.id, key: f.key, cases: f.cases, description: f.caseDescription })),
    ),
  );
const verdicts = (r: RunResults) =>
  r.areas.flatMap((a) =>
    a.checks.map(
      (c) =>
        `${c.id}:${c.status}:${c.ran}:${c.failures.map((f) => `${f.key}@${f.cases.join(',')}`).join(';')}:${c.warnings.length}`,
    ),
  );

/** Typical traffic of an application: a call, a stream, a token count, the model list. */
async function typicalTraffic(url: string): Promise<void> {
  const client = sdk(url);
  await client.messages.create(hello);
  const stream = client.messages.stream(hello);
  await stream.finalMessage();
  await client.messages.countTokens({ model: hello.model, messages: hello.messages });
  await client.models.list();
}

test("in front of the reference mock: the SDK's traffic is judged clean, the reports and traffic.har are written, and check-recorded reads the HAR back with the same verdicts", async () => {
  const dir = tempDir('proxy-clean-');
  const { results } = await through({}, (proxy) => typicalTraffic(proxy.url), dir);
  expect(findings(results)).toEqual([]);
  expect(results.exitCode).toBe(0);
  expect(results.stats).toMatchObject({ forwarded: 4, judged: 4, clientGone: 0, upstreamUnreachable: 0 });
  const checks = results.areas[0]!.checks;
  for (const id of [
    'response_schema_conformance',
    'stream_grammar',
    'stream_event_schema',
    'client_request_conforms',
    'request_id_unique',
  ])
    expect(checks.find((c) => c.id === id)?.status).toBe('passed');
  for (const f of ['results.json', 'report.html', 'junit.xml', 'traffic.har'])
    expect(readFileSync(path.join(dir, f), 'utf8').length).toBeGreaterThan(100);
  const back = await checkRecorded([path.join(dir, 'traffic.har')], { contract });
  expect(back.exitCode).toBe(0);
  expect(verdicts(back)).toEqual(verdicts(results));
  expect(back.areas[0]!.coverage).toEqual(results.areas[0]!.coverage);
});

test('the reports are written every N exchanges, not only on close', async () => {
  const dir = tempDir('proxy-every-');
  const upstream = await startMock(contract, { apiKey: KEY });
  const proxy = await startProxy({ upstream: upstream.url, reportsDir: dir, everyN: 2, contract });
  try {
    await sdk(proxy.url).messages.create(hello);
    expect(existsSync(path.join(dir, 'results.json'))).toBe(false);
    await sdk(proxy.url).messages.create(hello);
    for (let i = 0; i < 100 && !existsSync(path.join(dir, HAR_FILE)); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    expect((JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults).totals.exchanges).toBe(2);
    expect(harOf(dir).log.entries).toHaveLength(2);
  } finally {
    await proxy.close();
    await upstream.close();
  }
});

test('a redirect is passed to the client, never followed; an upstream that is down gets the client a 502 naming it', async () => {
  let followed = false;
  const target = http.createServer((_req, res) => ((followed = true), res.end()));
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  const redirecting = http.createServer(
    (_req, res) => (
      res.writeHead(307, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/v1/messages` }),
      res.end()
    ),
  );
  await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
  const proxy = await startProxy({
    upstream: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
    contract,
  });
  const down = await startProxy({ upstream: 'http://127.0.0.1:9', contract });
  try {
    const res = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(hello),
    });
    expect(res.status).toBe(307);
    expect(followed).toBe(false);
    const results = await proxy.close();
    expect(results.areas[0]!.checks.find((c) => c.id === 'status_code_documented')!.status).toBe('failed');
    const refused = await fetch(`${down.url}/v1/messages`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(502);
    expect(await refused.text()).toMatch(
      /validating proxy: cannot reach the upstream http:\/\/127\.0\.0\.1:9: ECONNREFUSED/,
    );
    expect((await down.close()).stats).toMatchObject({ forwarded: 1, judged: 0, upstreamUnreachable: 1 });
  } finally {
    await proxy.close();
    await down.close();
    await new Promise((r) => redirecting.close(r));
    await new Promise((r) => target.close(r));
  }
});

test('a stream the upstream cuts is cut for the client too, judged so, and read back so from the HAR', async () => {
  const dir = tempDir('proxy-drop-');
  const { value, results } = await through(
    { chaos: { dropRate: 1, tokensPerSecond: 200 } },
    (proxy) =>
      rawStream(proxy.url, 'cut').then(
        () => 'ended',
        (e: Error) => `cut: ${e.message}`,
      ),
    dir,
  );
  expect(value).toMatch(/^cut/);
  expect(results.areas[0]!.checks.find((c) => c.id === 'transport_complete')!.status).toBe('failed');
  const back = await checkRecorded([path.join(dir, 'traffic.har')], { contract });
  expect(verdicts(back)).toEqual(verdicts(results));
});

test("the SDK's retries under injected overload pass through: each 529 and its retry is an exchange, judged clean", async () => {
  const dir = tempDir('proxy-overload-');
  const { results } = await through(
    { chaos: { overloadedRate: 0.5, retryAfterSeconds: 0 } },
    async (proxy) => {
      const client = new Anthropic({ baseURL: proxy.url, apiKey: KEY, maxRetries: 8 });
      for (let i = 0; i < 4; i += 1) expect((await client.messages.create(hello)).type).toBe('message');
    },
    dir,
  );
  const statuses = harOf(dir).log.entries.map(
    (e) => (e as unknown as { response: { status: number } }).response.status,
  );
  expect(statuses).toContain(529);
  expect(statuses.filter((s) => s === 200)).toHaveLength(4);
  expect(findings(results)).toEqual([]);
  expect(results.exitCode).toBe(0);
});

test("in front of a broken server: its fault is found, naming the client's request and its place in traffic.har; check-recorded agrees", async () => {
  const broken = BROKEN.find((f) => f.name === 'message-without-usage')!;
  const dir = tempDir('proxy-broken-');
  const { results } = await through(
    { fault: broken.fault },
    async (proxy) => {
      await fetch(`${proxy.url}/v1/models`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } });
      await sdk(proxy.url).messages.create(hello);
    },
    dir,
  );
  expect(results.exitCode).toBe(1);
  const found = findings(results).filter((f) => f.check === 'response_schema_conformance');
  expect(found.length).toBeGreaterThan(0);
  expect(found[0]!.cases).toEqual(['traffic.har#1']);
  expect(found[0]!.description).toMatch(/^client request POST \/v1\/messages from .*"model":"claude-sonnet-4-6"/);
  const har = JSON.parse(readFileSync(path.join(dir, 'traffic.har'), 'utf8')) as {
    log: { entries: Array<{ request: { url: string } }> };
  };
  expect(new URL(har.log.entries[1]!.request.url).pathname).toBe('/v1/messages');
  const back = await checkRecorded([path.join(dir, 'traffic.har')], { contract });
  expect(back.exitCode).toBe(1);
  expect(verdicts(back)).toEqual(verdicts(results));
});

test("a wrong client's request is reported as the client's: a schema break, an unknown version, a cross-field rule", async () => {
  const { results } = await through({}, async (proxy) => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${proxy.url}/v1/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': KEY,
          'anthropic-version': '2023-06-01',
          ...headers,
        },
        body: JSON.stringify(body),
      });
    expect((await post({ ...hello, max_tokens: undefined })).status).toBe(400);
    expect((await post(hello, { 'anthropic-version': '2099-01-01' })).status).toBe(400);
    expect((await post({ ...hello, max_tokens: 100_000 })).status).toBe(400); // above claude-sonnet-4-6's 64000
    expect((await post(hello)).status).toBe(200);
  });
  const client = results.areas[0]!.checks.find((c) => c.id === 'client_request_conforms')!;
  expect(client.status).toBe('failed');
  expect(client.title).toMatch(/client's fault, not the server's/);
  const keys = client.failures.map((f) => f.key);
  expect(keys).toEqual(
    expect.arrayContaining([
      'client_request_conforms:schema:required:/',
      'client_request_conforms:anthropic_version_unknown',
    ]),
  );
  expect(keys).toContain('client_request_conforms:rule:max_tokens_within_model_limit');
  expect(client.failingCases).toEqual(['traffic.har#0', 'traffic.har#1', 'traffic.har#2']);
  // The server's side of the same exchanges is conformant: each rejection is a proper 400.
  expect(findings(results).filter((f) => f.check !== 'client_request_conforms')).toEqual([]);
});

test('a request the spec rejects but the upstream accepted is a warning marked unverified, not a failure', async () => {
  const lenient = BROKEN.find((f) => f.name === 'accepts-max-tokens-negative')!;
  const { results } = await through({ fault: lenient.fault }, async (proxy) => {
    const res = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ ...hello, max_tokens: -1 }),
    });
    expect(res.status).toBe(200);
  });
  const client = results.areas[0]!.checks.find((c) => c.id === 'client_request_conforms')!;
  expect(client.status).toBe('passed');
  expect(client.warnings.map((w) => w.key)).toEqual(['client_request_conforms:unverified:schema:minimum:/max_tokens']);
  expect(client.warnings[0]!.detail).toMatch(/upstream accepted this request \(200\)/);
});

/** Milliseconds from sending to the first text delta of an SDK stream. */
async function firstTokenMs(url: string): Promise<number> {
  const started = performance.now();
  const stream = sdk(url).messages.stream({ ...hello, max_tokens: 40 });
  let first = 0;
  stream.on('text', () => {
    first ||= performance.now() - started;
  });
  await stream.finalMessage();
  return first;
}

test('a stream through the proxy keeps its time to first token (measured with the SDK, direct and through the proxy)', async () => {
  await through({ chaos: { firstTokenMs: 200, tokensPerSecond: 40 } }, async (proxy, upstream) => {
    const direct: number[] = [];
    const proxied: number[] = [];
    // The client shares this process with the proxy: each measure starts once the proxy has judged the previous exchange.
    const settle = () => new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 3; i += 1) {
      direct.push(await firstTokenMs(upstream.url));
      await settle();
      proxied.push(await firstTokenMs(proxy.url));
      await settle();
    }
    const best = (xs: number[]) => Math.min(...xs);
    expect(best(direct)).toBeGreaterThanOrEqual(190);
    // The upstream's time plus a few milliseconds: a buffering proxy would add the whole stream (about a second).
    expect(best(proxied) - best(direct)).toBeLessThan(25);
  });
});

/** The mock echoes the user's words: 40 of them make a 30-token answer, paced. */
const LONG = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

/** A raw stream read as it arrives: its bytes, and when each chunk came. */
async function rawStream(
  url: string,
  user: string,
  signal?: AbortSignal,
  onChunk?: (text: string) => void,
): Promise<{ text: string; times: number[] }> {
  const started = performance.now();
  const res = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    signal,
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      ...hello,
      messages: [{ role: 'user', content: LONG }],
      max_tokens: 30,
      stream: true,
      metadata: { user_id: user },
    }),
  });
  const decoder = new TextDecoder();
  let text = '';
  const times: number[] = [];
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const piece = decoder.decode(chunk, { stream: true });
    text += piece;
    times.push(performance.now() - started);
    onChunk?.(piece);
  }
  return { text, times };
}

type HarFile = {
  log: {
    entries: Array<{
      request: { postData?: { text: string }; headers: Array<{ name: string; value: string }> };
      response: { content: { text: string } };
    }>;
  };
};
const harOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'traffic.har'), 'utf8')) as HarFile;

test('50 streams at once: every client gets exactly the bytes the upstream sent, in order, as they were sent', async () => {
  const dir = tempDir('proxy-load-');
  const { value: streams, results } = await through(
    { chaos: { tokensPerSecond: 100 } },
    (proxy) => Promise.all(Array.from({ length: 50 }, (_, i) => rawStream(proxy.url, `stream-${i}`))),
    dir,
  );
  expect(results.stats).toMatchObject({ forwarded: 50, judged: 50, clientGone: 0 });
  expect(findings(results)).toEqual([]);
  const har = harOf(dir);
  streams.forEach((s, i) => {
    const entry = har.log.entries.find((e) => e.request.postData?.text.includes(`"stream-${i}"`))!;
    // The HAR holds what the upstream sent: the client received the same, none lost or reordered.
    expect(s.text).toBe(entry.response.content.text);
    expect(s.text).toMatch(/event: message_stop/);
    // Not held back: the events came over about 0.3 s (30 tokens at 100/s), not all at once.
    expect(s.times.at(-1)! - s.times[0]!).toBeGreaterThan(150);
  });
});

test('a client that leaves mid-stream stops no other stream; its answer is not judged', async () => {
  const controller = new AbortController();
  const { value, results } = await through({ chaos: { tokensPerSecond: 100 } }, (proxy) =>
    Promise.all([
      rawStream(
        proxy.url,
        'leaves',
        controller.signal,
        (piece) => piece.includes('content_block_delta') && controller.abort(),
      ).catch((e: Error) => e.name),
      ...Array.from({ length: 4 }, (_, i) => rawStream(proxy.url, `stays-${i}`)),
    ]),
  );
  expect(value[0]).toBe('AbortError');
  for (const s of value.slice(1)) expect((s as { text: string }).text).toMatch(/event: message_stop/);
  expect(results.stats).toMatchObject({ forwarded: 5, judged: 4, clientGone: 1 });
  expect(findings(results)).toEqual([]);
});

test('a compressed answer is forwarded as sent and judged decompressed', async () => {
  // A gateway that gzips the mock's answers.
  const upstream = await startMock(contract, { apiKey: KEY });
  const gateway = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = await fetch(`${upstream.url}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    const headers = Object.fromEntries(
      [...answer.headers].filter(([k]) => !['content-length', 'content-encoding', 'transfer-encoding'].includes(k)),
    );
    res.writeHead(answer.status, { ...headers, 'content-encoding': 'gzip' });
    res.end(gzipSync(Buffer.from(await answer.arrayBuffer())));
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const proxy = await startProxy({ upstream: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`, contract });
  try {
    const res = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(hello),
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as { type: string }).type).toBe('message');
    const results = await proxy.close();
    expect(results.areas[0]!.checks.find((c) => c.id === 'response_schema_conformance')).toMatchObject({
      status: 'passed',
      ran: 1,
    });
    expect(findings(results)).toEqual([]);
  } finally {
    await proxy.close();
    await new Promise((r) => gateway.close(r));
    await upstream.close();
  }
});

test('memory stays bounded: a long session keeps a stub per exchange, whole exchanges (bodies capped) only for the first of each cause', () => {
  const verdicts = new Verdicts(contract);
  const big = 'x'.repeat(300 * 1024);
  for (let i = 0; i < 200; i += 1) {
    const entry = harEntry(
      {
        startedAt: new Date(),
        method: 'POST',
        url: 'http://127.0.0.1:1/v1/messages',
        httpVersion: '1.1',
        requestHeaders: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        requestBody: JSON.stringify({ ...hello, system: big }),
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
        // A body that breaks the schema on every answer: each cause keeps its first exchanges whole.
        responseBody: JSON.stringify({ type: 'message', padding: big }),
        durationMs: 1,
        comment: `request ${i}`,
      },
      new Redactor({ apiKey: '', customHeaders: {} }),
    );
    verdicts.judge(fromHarEntry(entry, i, new URL(entry.request.url), HAR_FILE, 'messages', true));
  }
  const kept = verdicts.results.map((r) => r.exchange.request.body.length + (r.exchange.response?.text.length ?? 0));
  expect(kept.filter((n) => n > 0).length).toBeLessThanOrEqual(10);
  expect(Math.max(...kept)).toBeLessThan(200 * 1024);
  expect(kept.reduce((a, b) => a + b, 0)).toBeLessThan(2 * 1024 * 1024);
  // Every exchange is still counted and named.
  const results = verdicts.resultsFor('http://127.0.0.1:1');
  expect(results.totals.exchanges).toBe(200);
  expect(results.areas[0]!.checks.find((c) => c.id === 'response_schema_conformance')!.failures[0]!.cases).toHaveLength(
    200,
  );
});

test('traffic.har holds no credential (x-api-key, Authorization: Bearer), and the key is filtered where it is echoed', async () => {
  const dir = tempDir('proxy-secrets-');
  await through(
    {},
    async (proxy) => {
      await sdk(proxy.url).messages.create(hello);
      await fetch(`${proxy.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ ...hello, system: `my key is ${KEY}` }),
      });
    },
    dir,
  );
  const text = readFileSync(path.join(dir, 'traffic.har'), 'utf8');
  expect(text).not.toContain(KEY);
  expect(text).toContain('Bearer [Filtered]');
  expect(text).toMatch(/"x-api-key","value":"\[Filtered\]"/);
  for (const f of ['results.json', 'report.html', 'junit.xml'])
    expect(readFileSync(path.join(dir, f), 'utf8')).not.toContain(KEY);
});

test("the command: `proxy --upstream URL` prints its URL, forwards, and on stop writes the reports; its exit code is the traffic's verdict", async () => {
  const upstream = await startMock(contract, {
    apiKey: KEY,
    fault: BROKEN.find((f) => f.name === 'message-without-usage')!.fault,
  });
  const dir = tempDir('proxy-cli-');
  const lines: string[] = [];
  let stop!: () => void;
  let printed!: (url: string) => void;
  const url = new Promise<string>((r) => (printed = r));
  const io = {
    out: (l: string) => (lines.push(l), /validating proxy on (\S+) →/.test(l) && printed(l.match(/on (\S+) →/)![1]!)),
    err: (l: string) => lines.push(l),
  };
  try {
    const code = main(
      ['proxy', '--upstream', upstream.url, '--reports-dir', dir],
      {},
      process.cwd(),
      io,
      new Promise<void>((r) => (stop = r)),
    );
    const proxyUrl = await url;
    expect(lines[0]).toBe(
      `validating proxy on ${proxyUrl} → ${upstream.url} (point clients at it: ANTHROPIC_BASE_URL=${proxyUrl}; Ctrl-C writes the reports to ${dir})`,
    );
    expect(proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await sdk(proxyUrl).messages.create(hello);
    stop();
    expect(await code).toBe(1);
    // Printed as it was found, naming the exchange and the client's request, before the summary.
    const live = lines.findIndex((l) => l.startsWith('✗ traffic.har#0 client request POST /v1/messages from '));
    expect(live).toBeGreaterThan(0);
    expect(lines[live]).toMatch(/→ 200: response_schema_conformance/);
    expect(lines.join('\n')).toMatch(/response_schema_conformance|usage/);
    expect(lines.join('\n')).toMatch(/traffic in .*traffic\.har/);
    expect(
      (JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults).totals.failed,
    ).toBeGreaterThan(0);
  } finally {
    await upstream.close();
  }
});
