/**
 * The command end to end, in process, as users run it: against the embedded mock, then
 * twice against one target that turns broken (the second run's summary, results.json and HTML name
 * the new failures; CONTRACT_FAIL_ON=new gates only on new ones), with a request budget, against an
 * unreachable URL — and with a canary key that must appear in no output and no file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunResults } from '../../src/report/results';
import { BROKEN } from '../fixtures/servers/catalogue';
import { runCommand } from '../helpers/run-command';
import { tempDir } from '../helpers/temp';
import { switchableServer } from '../helpers/switchable-server';
import { errorResult } from '../../src/mock/handle';

jest.setTimeout(120_000);

const CANARY = 'sk-ant-api03-CANARY-7f3c9e1d2b4a6c8e0f1a3b5c7d9e-do-not-print';
const HEADER_CANARY = 'gw-CANARY-header-5e7a9c1b3d';
const contract = (env: Record<string, string | undefined>, args: string[] = []) => runCommand(['run', ...args], env);
const read = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
const tmp = (name: string) => tempDir(`contract-${name}-`);

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

test('with no configuration it runs against the embedded mock, passes, and leaves the three reports and the history', async () => {
  const reports = tmp('embedded');
  const run = await contract({ CONTRACT_REPORTS_DIR: reports });
  expect({ code: run.code, tail: run.out.slice(-1500) }).toEqual({
    code: 0,
    tail: expect.stringContaining('0 failed'),
  });
  const r = read(reports);
  expect(r.target).toMatchObject({ embedded: true, label: 'embedded reference mock' });
  expect(r.spec.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(r).toMatchObject({ profile: 'full', seed: 42 });
  expect(r.totals.failed).toBe(0);
  expect(r.totals.passed).toBeGreaterThan(50);
  expect(r.coverage.request.percent).toBeGreaterThan(50);
  const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
  expect(junit).toMatch(/^<\?xml/);
  expect((junit.match(/<testcase /g) ?? []).length).toBe(r.totals.passed + r.totals.skipped + r.totals.failing);
  expect(readFileSync(path.join(reports, 'report.html'), 'utf8')).toContain('conforms to the contract');
  expect(readdirSync(path.join(reports, 'history'))).toHaveLength(1);
});

describe('one target, green then broken', () => {
  const reports = tmp('regression');
  let server: Awaited<ReturnType<typeof switchableServer>>;
  const outputs: string[] = [];
  const env = () => ({
    ANTHROPIC_BASE_URL: server.url,
    ANTHROPIC_API_KEY: CANARY,
    ANTHROPIC_CUSTOM_HEADERS: `x-gateway-token: ${HEADER_CANARY}`,
    CONTRACT_REPORTS_DIR: reports,
    CONTRACT_RUNS: '15',
  });
  beforeAll(async () => {
    server = await switchableServer(CANARY);
  });
  afterAll(() => server.close());

  test('the green run passes; the broken run fails, naming the case and the new failures', async () => {
    const green = await contract(env());
    outputs.push(green.out);
    expect(green.code).toBe(0);

    server.use(BROKEN.find((f) => f.name === 'rejects-temperature-1')!.fault);
    const broken = await contract(env());
    outputs.push(broken.out);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/Valid request rejected/);
    expect(broken.out).toMatch(/boundary\/temperature_1/);
    expect(broken.out).toMatch(/Reproduce with:/);
    expect(broken.out).toMatch(/New failures \(\d+\):\n\s+valid-requests › positive_data_acceptance/);
    const r = read(reports);
    expect(r.diff!.newFailures).toEqual(
      expect.arrayContaining([expect.stringMatching(/^valid-requests › positive_data_acceptance: Received: 400/)]),
    );
    expect(r.diff!.baseline).not.toBeNull();
    const failure = r.areas
      .find((a) => a.id === 'valid-requests')!
      .checks.find((c) => c.id === 'positive_data_acceptance')!.failures[0]!;
    expect(failure).toMatchObject({
      severity: 'error',
      category: 'nonconformance',
      request: { url: `${server.url}/v1/messages` },
    });
    expect(failure.curl).toContain('$ANTHROPIC_API_KEY');
    expect(readFileSync(path.join(reports, 'report.html'), 'utf8')).toMatch(/new-badge/);
    expect(readdirSync(path.join(reports, 'history'))).toHaveLength(2);
  });

  test('CONTRACT_FAIL_ON=new with no earlier run counts every failure', async () => {
    const fresh = await contract({ ...env(), CONTRACT_REPORTS_DIR: tmp('fail-on-new-first'), CONTRACT_FAIL_ON: 'new' });
    outputs.push(fresh.out);
    expect(fresh.out).toMatch(/no earlier run on this target, so every failure counts/);
    expect(fresh.code).toBe(1);
  });

  test('CONTRACT_FAIL_ON=new passes a target whose failures are all known', async () => {
    const again = await contract({ ...env(), CONTRACT_FAIL_ON: 'new' });
    outputs.push(again.out);
    expect(again.out).toMatch(/failOn new: 0 new failure/);
    expect(again.code).toBe(0);
  });

  test('npm run report compares two saved runs without calling a server', async () => {
    const history = readdirSync(path.join(reports, 'history'))
      .sort()
      .map((f) => path.join(reports, 'history', f));
    const cmp = await runCommand(['report', history[0]!, history[1]!]);
    outputs.push(cmp.out);
    expect(cmp.code).toBe(1);
    expect(cmp.out).toMatch(/New failures/);
  });

  test('the canary key and header value appear in no output and no report file', () => {
    const seen = [...outputs, ...allFiles(reports).map((f) => readFileSync(f, 'utf8'))].filter(
      (text) => text.includes(CANARY) || text.includes(HEADER_CANARY) || text.includes(CANARY.slice(8, 40)),
    );
    expect(seen).toEqual([]);
    expect(outputs.join('\n')).toContain('[Filtered]');
  });
});

test('a request budget is never exceeded, and what it could not pay for is skipped, not passed', async () => {
  const server = await switchableServer('budget-key-123456');
  try {
    const reports = tmp('budget');
    const run = await contract({
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: 'budget-key-123456',
      CONTRACT_REPORTS_DIR: reports,
      CONTRACT_MAX_REQUESTS: '40',
    });
    expect(server.requests()).toBeLessThanOrEqual(40);
    const r = read(reports);
    const skipped = r.areas.filter((a) => a.skipped);
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped[0]!.skipped).toMatch(/budget spent/);
    expect(skipped.flatMap((a) => a.checks).every((c) => c.status === 'skipped')).toBe(true);
    expect(run.out).toMatch(/skipped/);
  } finally {
    await server.close();
  }
});

test('a closed port fails fast with one clear line', async () => {
  const closed = await switchableServer('k-123456');
  await closed.close();
  const run = await contract({
    ANTHROPIC_BASE_URL: closed.url,
    ANTHROPIC_API_KEY: 'k-123456',
    CONTRACT_REPORTS_DIR: tmp('unreachable'),
  });
  expect(run.code).not.toBe(0);
  expect(run.out).toContain(`target unreachable: cannot reach ${closed.url}: ECONNREFUSED (nothing listens there)`);
  expect(run.ms).toBeLessThan(10_000);
});

test('a server that answers 500 to everything fails the run, saying why', async () => {
  const server = await switchableServer('k-500-123456');
  server.use({ alter: () => errorResult(500, 'Internal server error', 'api_error') });
  try {
    const run = await contract({
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: 'k-500-123456',
      CONTRACT_REPORTS_DIR: tmp('500'),
    });
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /Valid request rejected[\s\S]*Received: 500 api_error[\s\S]*Hint: the server failed on a request every conformant server accepts/,
    );
  } finally {
    await server.close();
  }
});

test('the whole run is bounded: a target that never answers a request ends by CONTRACT_RUN_TIMEOUT_MS, its areas not run (exit 4)', async () => {
  const server = await switchableServer('slow-key-123456');
  // Answers the pre-check, then holds every request's connection open, answering nothing.
  server.use({
    write: (res, _r, q) => {
      if (q.method === 'HEAD') res.end();
    },
  });
  try {
    const run = await contract({
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: 'slow-key-123456',
      CONTRACT_REPORTS_DIR: tmp('run-timeout'),
      CONTRACT_RUN_TIMEOUT_MS: '4000',
    });
    expect(run.code).toBe(4);
    expect(run.out).toMatch(/not run\] — not (finished|run): the run reached CONTRACT_RUN_TIMEOUT_MS/);
    expect(run.ms).toBeLessThan(15_000);
  } finally {
    await server.close();
  }
});

test('a gateway with only /v1/messages: by default each missing operation is one "not implemented" line and the run passes; asked for, it fails once', async () => {
  const server = await switchableServer('gateway-key-123456');
  // Whatever a gateway answers on a path it does not route: a 404 in the API's envelope.
  server.use({
    alter: (r, q) => (q.path === '/v1/messages' ? r : errorResult(404, `Not Found: ${q.path}`, 'not_found_error')),
  });
  try {
    const env = { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'gateway-key-123456' };
    const reports = tmp('gateway');
    const run = await contract({ ...env, CONTRACT_REPORTS_DIR: reports });
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/! count-tokens: not implemented \(POST \/v1\/messages\/count_tokens answered 404\)/);
    expect(run.out).toMatch(/! models: not implemented \(GET \/v1\/models answered 404\)/);
    const r = read(reports);
    const area = (id: string) => r.areas.find((a) => a.id === id)!;
    for (const id of ['count-tokens', 'models']) {
      // One request each (the probe), nothing judged, nothing reported as passed.
      expect({ id, requests: area(id).requests, statuses: [...new Set(area(id).checks.map((c) => c.status))] }).toEqual(
        { id, requests: 1, statuses: ['skipped'] },
      );
    }

    const asked = tmp('gateway-asked');
    const strict = await contract({
      ...env,
      CONTRACT_REPORTS_DIR: asked,
      CONTRACT_OPERATIONS: 'messages,count_tokens',
    });
    expect(strict.code).toBe(1);
    const s = read(asked);
    const failed = s.areas.flatMap((a) =>
      a.checks.filter((c) => c.status === 'failed').map((c) => `${a.id} › ${c.id}`),
    );
    expect(failed).toEqual(['count-tokens › operation_implemented']);
    // Not asked for: the models area is not run at all.
    expect(s.areas.find((a) => a.id === 'models')!.skipped).toMatch(/not in CONTRACT_OPERATIONS/);
  } finally {
    await server.close();
  }
});
