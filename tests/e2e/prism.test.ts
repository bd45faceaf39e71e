/**
 * Against the real third-party servers npm gives us. The schema profile is what a static-example
 * mock can satisfy: Prism serving our own spec passes it, while the full profile, which
 * checks behaviour, does not. And `npm run contract` end to end against `prism mock` and against
 * `prism proxy` in front of the reference mock: the findings by check id and case name, and no
 * harness noise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadContract, SPEC_PATH } from '../../src/contract/spec';
import { startMock, type RunningServer } from '../../src/mock/server';
import { formatFailures } from '../../src/report/format';
import type { RunResults } from '../../src/report/results';
import { runCli } from '../helpers/run-cli';
import { runSuite } from '../helpers/run-suite';

jest.setTimeout(120_000);
const children: ChildProcess[] = [];
const dirs: string[] = [];
let url: string;
let proxyUrl: string;
let upstream: RunningServer;
const KEY = 'prism-key-0123456789';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Starts Prism (the dev dependency) on 127.0.0.1 and resolves with its URL once it listens. */
async function startPrism(args: string[]): Promise<string> {
  const port = await freePort();
  const cli = path.resolve(__dirname, '../../node_modules/@stoplight/prism-cli/dist/index.js');
  const child = spawn(process.execPath, [cli, ...args, '-p', String(port), '-h', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`prism did not start:\n${log}`)), 60_000);
    const onData = (c: Buffer) => {
      log += c.toString();
      if (/listening on/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`prism exited with ${code}:\n${log}`)));
  });
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  upstream = await startMock(await loadContract(), { apiKey: KEY });
  [url, proxyUrl] = await Promise.all([
    startPrism(['mock', SPEC_PATH]),
    startPrism(['proxy', SPEC_PATH, upstream.url]),
  ]);
});

afterAll(async () => {
  for (const c of children) c.kill();
  await upstream?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('prism mock on our spec passes the schema profile, except streams asked for with Accept: application/json', async () => {
  const run = await runSuite(url, 'any-key-123456', { CONTRACT_PROFILE: 'schema' });
  // Prism picks the response by Accept, so a stream sent as the TypeScript SDK sends it (Accept:
  // application/json) gets the JSON example: a real fault for SDK users, and the only one.
  const [sdkStreams, others] = [
    run.failures.filter((f) => f.exchange?.case.name.endsWith('/accept_json')),
    run.failures.filter((f) => !f.exchange?.case.name.endsWith('/accept_json')),
  ];
  if (others.length) throw new Error(formatFailures(others, { apiKey: '' }));
  expect(new Set(sdkStreams.map((f) => f.checkId))).toEqual(new Set(['content_type_conformance', 'sse_framing']));
  const passed = run.outcomes.flatMap((o) => o.checks.filter((c) => c.status === 'passed').map((c) => c.id));
  expect(passed).toEqual(
    expect.arrayContaining([
      'response_schema_conformance',
      'stream_grammar',
      'stream_event_schema',
      'content_type_conformance',
    ]),
  );
});

test('the full profile finds what a static-example mock cannot do', async () => {
  const run = await runSuite(url, 'any-key-123456', { CONTRACT_PROFILE: 'full', CONTRACT_RUNS: '5' });
  expect(run.failing.size).toBeGreaterThan(0);
});

/** `npm run contract` against a URL: exit code, output, and results.json's failures as `check id › case`. */
async function contractRun(baseUrl: string) {
  const reports = mkdtempSync(path.join(os.tmpdir(), 'prism-'));
  dirs.push(reports);
  const run = await runCli(['run'], {
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: KEY,
    CONTRACT_REPORTS_DIR: reports,
    CONTRACT_TIMEOUT_MS: '30000',
  });
  const r = JSON.parse(readFileSync(path.join(reports, 'results.json'), 'utf8')) as RunResults;
  const found = new Set(
    r.areas.flatMap((a) =>
      a.checks.flatMap((c) => c.failures.flatMap((f) => (f.cases ?? [f.case]).map((name) => `${f.checkId} › ${name}`))),
    ),
  );
  return { run, r, found };
}

const HARNESS_NOISE =
  /Exceeded timeout|did not exit one second|thrown:|A worker process has failed|Cannot log after tests are done/;

test('npm run contract against prism mock: what a canned mock cannot do, named by check and case, with no harness noise', async () => {
  const { run, r, found } = await contractRun(url);
  expect(run.code).toBe(1);
  expect(run.out).not.toMatch(HARNESS_NOISE);
  expect(r.totals.notRun + r.totals.unavailable).toBe(0);
  expect([...found]).toEqual(
    expect.arrayContaining([
      // One canned request-id for every answer.
      expect.stringMatching(/^request_id_unique › /),
      // The example's answer, whatever was asked: no cut at max_tokens, no forced tool, no thinking.
      'max_tokens_honoured › semantic/cut_by_max_tokens',
      'tool_choice_honoured › semantic/forced_tool',
      'thinking_honoured › semantic/thinking',
      // Keys and models are not checked.
      'auth_and_version › auth/wrong_key',
      'auth_and_version › auth/unknown_model',
      // Prism chooses the example by Accept: an SDK-style stream request gets JSON.
      'content_type_conformance › example/stream_hello/accept_json',
      // Its own answer to malformed JSON is not the API's envelope.
      'error_envelope › negative/malformed_json',
      'negative_data_rejection › negative/malformed_json',
    ]),
  );
});

test('npm run contract against prism proxy in front of the reference mock: only what the proxy itself answers', async () => {
  const { run, found } = await contractRun(proxyUrl);
  expect(run.out).not.toMatch(HARNESS_NOISE);
  // Prism answers malformed JSON itself, in its own error shape and without request-id; everything
  // else is the reference mock's answer passed through, which conforms.
  expect([...found].sort()).toEqual([
    'error_envelope › negative/malformed_json',
    'negative_data_rejection › negative/malformed_json',
    'request_id_header › negative/malformed_json',
  ]);
  expect(run.code).toBe(1);
});
