/**
 * `npm run contract` against servers that behave like real deployments: a model's pace
 * under the remote and the local defaults, many generated bodies, overload now and then, a target
 * that is down, a run that reaches its time limit, two runs at once from one checkout, hostile
 * bodies, a reports folder that cannot be written. The suite's own clocks decide; jest's never do.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { startMock, writeResult, type Fault, type RunningServer } from '../../src/mock/server';
import type { RunResults } from '../../src/report/results';
import { BROKEN } from '../fixtures/servers/catalogue';
import { alwaysOverloaded, modelPace, overloadedEvery, trickle } from '../fixtures/servers/real-world';
import { runCli } from '../helpers/run-cli';

jest.setTimeout(240_000);
const KEY = 'real-servers-key-0123456789';
const dirs: string[] = [];
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'real-servers-'));
  dirs.push(d);
  return d;
};
const read = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
const junitFailures = (dir: string) =>
  Number(/<testsuites [^>]*failures="(\d+)"/.exec(readFileSync(path.join(dir, 'junit.xml'), 'utf8'))![1]);

/** A fixture server that also notes when it last finished an answer. */
async function serve(fault: Fault = {}): Promise<RunningServer & { lastAnswerAt: () => number }> {
  let last = 0;
  const recording: Fault = {
    alter: fault.alter,
    async write(res, r, q) {
      res.on('close', () => (last = Date.now()));
      await (fault.write ? fault.write(res, r, q) : writeResult(res, r));
    },
  };
  const s = await startMock(await loadContract(), { apiKey: KEY, fault: recording });
  servers.push(s);
  return { ...s, lastAnswerAt: () => last };
}

const contract = (env: Record<string, string>) =>
  runCli(['run'], { ANTHROPIC_API_KEY: KEY, CONTRACT_REPORTS_DIR: tmp(), ...env }, 230_000);

test('a server at a model pace (first byte after 1 s, stream events 150 ms apart), under the remote and the local defaults: every area runs, the run passes, and the process ends within seconds of the last answer', async () => {
  const envs: Array<Record<string, string>> = [
    { CONTRACT_TARGET: 'remote' },
    { CONTRACT_TARGET: 'local', CONTRACT_RUNS: '10' },
  ];
  const runs = envs.map(async (env) => {
    const server = await serve(modelPace(1000, 150));
    const reports = tmp();
    const run = await contract({ ANTHROPIC_BASE_URL: server.url, CONTRACT_REPORTS_DIR: reports, ...env });
    return { run, exitedAt: Date.now(), server, r: read(reports) };
  });
  for (const { run, exitedAt, server, r } of await Promise.all(runs)) {
    expect({ code: run.code, out: run.out.slice(-800) }).toMatchObject({ code: 0 });
    expect(run.out).not.toMatch(/Exceeded timeout|did not exit/);
    expect(r.areas.map((a) => [a.id, a.skipped ?? a.notRun ?? 'ran']).sort()).toEqual(
      [
        'auth-version',
        'conversations',
        'count-tokens',
        'examples',
        'features',
        'invalid-requests',
        'models',
        'semantics',
        'valid-requests',
      ].map((id) => [id, 'ran']),
    );
    expect(r.totals).toMatchObject({ failed: 0, failing: 0, notRun: 0, unavailable: 0 });
    expect(r.totals.requests).toBeGreaterThan(80);
    expect(exitedAt - server.lastAnswerAt()).toBeLessThan(6000);
  }
});

test('CONTRACT_RUNS=2000 against the embedded mock: every area runs, exit 0', async () => {
  const reports = tmp();
  const run = await contract({ CONTRACT_RUNS: '2000', CONTRACT_REPORTS_DIR: reports });
  expect(run.code).toBe(0);
  const r = read(reports);
  expect(r.totals).toMatchObject({ failing: 0, notRun: 0 });
  expect(r.totals.requests).toBeGreaterThan(2000);
});

test('a server that overloads one request in five (529, retry-after: 0): the run rides through, exit 0', async () => {
  const server = await serve(overloadedEvery(5));
  const reports = tmp();
  const run = await contract({ ANTHROPIC_BASE_URL: server.url, CONTRACT_REPORTS_DIR: reports, CONTRACT_RUNS: '20' });
  expect({ code: run.code, out: run.out.slice(-600) }).toMatchObject({ code: 0 });
  const r = read(reports);
  // Retries are counted: more requests sent than exchanges judged.
  expect(r.totals.requests).toBeGreaterThan(r.totals.exchanges);
});

test('a server that is down (always 529): exit 3 "unavailable", not 1, within seconds', async () => {
  const server = await serve(alwaysOverloaded);
  const reports = tmp();
  const run = await contract({ ANTHROPIC_BASE_URL: server.url, CONTRACT_REPORTS_DIR: reports });
  expect(run.code).toBe(3);
  const r = read(reports);
  expect(r.totals.failed).toBe(0);
  expect(r.totals.unavailable).toBeGreaterThan(0);
  expect(run.out).toMatch(/target unavailable/);
  // The breaker stops sending after a few requests in a row stayed unavailable.
  expect(server.requests()).toBeLessThan(60);
  expect(run.ms).toBeLessThan(90_000);
});

test('the run limit reached mid-run: unfinished areas are reported not run, with the reason, and exit 4', async () => {
  const server = await serve(modelPace(300, 50));
  const reports = tmp();
  const run = await contract({
    ANTHROPIC_BASE_URL: server.url,
    CONTRACT_REPORTS_DIR: reports,
    CONTRACT_RUN_TIMEOUT_MS: '4000',
  });
  expect({ code: run.code, out: run.out.slice(-600) }).toMatchObject({ code: 4 });
  expect(run.ms).toBeLessThan(30_000);
  const r = read(reports);
  expect(r.totals.notRun).toBeGreaterThan(0);
  expect(r.areas.some((a) => /CONTRACT_RUN_TIMEOUT_MS/.test(a.notRun ?? ''))).toBe(true);
  // One set of totals: JUnit's failures are the summary's failing checks.
  expect(junitFailures(reports)).toBe(r.totals.failing);
  expect(run.out).toContain(`${r.totals.passed} passed, ${r.totals.failing} failed`);
  expect(readFileSync(path.join(reports, 'report.html'), 'utf8')).toMatch(
    /were not run: the run reached its time limit/,
  );
});

test('two runs at once from one checkout, one faithful and one broken target, never mix their verdicts', async () => {
  const good = await serve();
  const bad = await serve(BROKEN.find((f) => f.name === 'message-without-usage')!.fault);
  const shared = tmp();
  const env = { CONTRACT_REPORTS_DIR: shared, CONTRACT_RUNS: '20' };
  const [a, b] = await Promise.all([
    contract({ ...env, ANTHROPIC_BASE_URL: good.url }),
    contract({ ...env, ANTHROPIC_BASE_URL: bad.url }),
  ]);
  expect([a.code, b.code]).toEqual([0, 1]);
  const parallel = path.join(shared, 'parallel');
  const folders = [shared, ...readdirSync(parallel).map((f) => path.join(parallel, f))];
  const byTarget = new Map(
    folders.filter((d) => existsSync(path.join(d, 'results.json'))).map((d) => [read(d).target.baseUrl, read(d)]),
  );
  expect(byTarget.get(good.url)!.totals.failed).toBe(0);
  expect(byTarget.get(bad.url)!.totals.failed).toBeGreaterThan(0);
  expect(`${a.out}${b.out}`).toMatch(/another run is writing to/);
  expect(readdirSync(path.join(shared, 'history'))).toHaveLength(2);
});

test('a body that trickles one byte a second: every request ends at its deadline, the run ends, reports written', async () => {
  const server = await serve(trickle(1000));
  const reports = tmp();
  const run = await contract({
    ANTHROPIC_BASE_URL: server.url,
    CONTRACT_REPORTS_DIR: reports,
    CONTRACT_TIMEOUT_MS: '1500',
    CONTRACT_MIN_TOKENS_PER_SECOND: '1000',
  });
  expect(run.code).toBe(1);
  expect(run.ms).toBeLessThan(60_000);
  const r = read(reports);
  const transport = r.areas.flatMap((a) =>
    a.checks.filter((c) => c.id === 'transport_complete').flatMap((c) => c.failures.map((f) => f.detail)),
  );
  expect(transport).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/the whole request took longer than/),
      expect.stringMatching(/not sent: the target stopped answering/),
    ]),
  );
  expect(existsSync(path.join(reports, 'report.html'))).toBe(true);
});

test('an unwritable reports folder is one line at start-up and exit 2, at once', async () => {
  const run = await contract({ CONTRACT_REPORTS_DIR: '/proc/conformance-reports' });
  expect(run.code).toBe(2);
  expect(run.out.trim()).toMatch(
    /^anthropic-conformance: CONTRACT_REPORTS_DIR: cannot write reports to \/proc\/conformance-reports: ENOENT$/,
  );
  expect(run.ms).toBeLessThan(15_000);
});

test("a run that fails its pre-check removes the previous run's reports, so CI never publishes stale ones", async () => {
  const reports = tmp();
  for (const f of ['report.html', 'junit.xml', 'results.json']) writeFileSync(path.join(reports, f), 'stale: conforms');
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as { port: number }).port;
  await new Promise((r) => closed.close(r));
  const run = await contract({ ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`, CONTRACT_REPORTS_DIR: reports });
  expect(run.code).toBe(3);
  expect(run.out).toMatch(/target unreachable: cannot reach .*ECONNREFUSED/);
  expect(readdirSync(reports).filter((f) => !f.startsWith('.'))).toEqual([]);
});
