/**
 * The support matrix: built from runs' results (a faithful server and broken ones), rendered as
 * HTML, Markdown and JSON, gated against a baseline matrix; many targets in one command; and the
 * merge step of docs/ci.md's workflow run as written.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { startMock, type RunningServer } from '../../src/mock/server';
import { errorResult } from '../../src/mock/handle';
import { runConformance, type ConformanceResults } from '../../src/engine/run-conformance';
import { buildMatrix, VERDICTS, type Matrix } from '../../src/matrix/matrix';
import { compareMatrices } from '../../src/matrix/gate';
import { renderMatrixMarkdown } from '../../src/matrix/render';
import { BROKEN } from '../fixtures/servers/catalogue';
import { runCommand } from '../helpers/run-command';
import { tempDir } from '../helpers/temp';

const KEY = 'matrix-key-0123456789';
const AREAS = ['examples', 'count-tokens'];
const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serve(name?: 'no-count-tokens' | 'message-without-usage'): Promise<string> {
  const fault =
    name === 'no-count-tokens'
      ? {
          alter: (
            r: Parameters<NonNullable<import('../../src/mock/server').Fault['alter']>>[0],
            q: { path: string },
          ) => (q.path.endsWith('/count_tokens') ? errorResult(404, 'Not Found', 'not_found_error') : r),
        }
      : name
        ? BROKEN.find((f) => f.name === name)!.fault
        : undefined;
  const s = await startMock(await loadContract(), { apiKey: KEY, fault });
  servers.push(s);
  return s.url;
}

let faithful: ConformanceResults;
let broken: ConformanceResults;
let gateway: ConformanceResults;
let matrix: Matrix;
beforeAll(async () => {
  const run = async (url: string, label: string) =>
    runConformance({ baseURL: url, apiKey: KEY, runs: 3, areas: AREAS, label, reportsDir: tempDir('matrix-run-') });
  faithful = await run(await serve(), 'faithful');
  broken = await run(await serve('message-without-usage'), 'broken');
  gateway = await run(await serve('no-count-tokens'), 'gateway');
  matrix = buildMatrix([
    { results: faithful },
    { results: broken },
    { results: gateway, label: 'my-gateway 2.3.1 → gpt-4.1' },
  ]);
}, 120_000);

const cell = (row: string, col: number) => matrix.cells[row]![col]!;

test('each cell is the verdict of the checks that ran: supported, broken (with findings and a curl line), refused', () => {
  expect(matrix.columns.map((c) => c.label)).toEqual(['faithful', 'broken', 'my-gateway 2.3.1 → gpt-4.1']);
  for (const c of matrix.columns)
    expect(c).toMatchObject({
      suiteVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      specSha: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
  expect(cell('operation:messages', 0).verdict).toBe('supported');
  expect(cell('operation:messages', 1)).toMatchObject({
    verdict: 'broken',
    reason: expect.stringContaining('response_schema_conformance'),
  });
  expect(cell('operation:messages', 1).findings[0]).toMatchObject({
    check: 'response_schema_conformance',
    curl: expect.stringContaining('curl '),
  });
  expect(cell('operation:count_tokens', 2)).toMatchObject({
    verdict: 'refused',
    reason: expect.stringContaining('not implemented'),
  });
  // Not in the areas run: not tested, never supported.
  expect(cell('operation:models', 0).verdict).toBe('not_tested');
});

test('Markdown and HTML name each verdict in words and a symbol', () => {
  const md = renderMatrixMarkdown(matrix);
  expect(md).toContain(`${VERDICTS.broken.symbol} broken`);
  expect(md).toContain(`${VERDICTS.refused.symbol} refused`);
  expect(md).toMatch(/\| POST \/v1\/messages \| ✓ supported \| ✗ broken \|/);
  expect(md).toMatch(/```sh\n\s+curl /);
});

test('the gate: a cell that got worse fails and is named; one that got better is reported', () => {
  const before = buildMatrix([{ results: faithful, label: 'gw' }]);
  const after = buildMatrix([{ results: broken, label: 'gw' }]);
  const { worse } = compareMatrices(before, after);
  expect(worse).toContainEqual({ row: 'POST /v1/messages', column: 'gw', from: 'supported', to: 'broken' });
  expect(worse.every((c) => c.from === 'supported' && c.to === 'broken')).toBe(true);
  const back = compareMatrices(after, before);
  expect(back.worse).toEqual([]);
  expect(back.better).toContainEqual({ row: 'POST /v1/messages', column: 'gw', from: 'broken', to: 'supported' });
});

test('the matrix command writes matrix.html, .md and .json, and gates on a baseline', async () => {
  const out = tempDir('matrix-out-');
  const files = [faithful, broken].map((r) => path.join(r.reportsDir!, 'results.json'));
  const first = await runCommand(['matrix', ...files, '--label', 'a', '--label', 'b', '--out', out]);
  expect(first.code).toBe(0);
  const written = JSON.parse(readFileSync(path.join(out, 'matrix.json'), 'utf8')) as Matrix;
  expect(written.columns.map((c) => c.label)).toEqual(['a', 'b']);
  expect(readFileSync(path.join(out, 'matrix.html'), 'utf8')).toContain('data-verdict="broken"');
  // The accepted state had "b" supported everywhere: now it is broken, so the gate fails.
  const accepted = path.join(out, 'accepted.json');
  writeFileSync(
    accepted,
    JSON.stringify(
      buildMatrix([
        { results: faithful, label: 'a' },
        { results: faithful, label: 'b' },
      ]),
    ),
  );
  const gated = await runCommand([
    'matrix',
    ...files,
    '--label',
    'a',
    '--label',
    'b',
    '--out',
    tempDir('matrix-gated-'),
    '--baseline',
    accepted,
  ]);
  expect(gated.code).toBe(1);
  expect(gated.out).toContain('WORSE: b › POST /v1/messages: supported → broken');
});

test('targets FILE: every target into its own folder, then the matrix; the worst verdict is the exit code', async () => {
  const dir = tempDir('matrix-targets-');
  const file = path.join(dir, 'targets.json');
  writeFileSync(
    file,
    JSON.stringify([
      { name: 'good', baseURL: await serve(), apiKeyEnv: 'GOOD_KEY' },
      { name: 'bad', baseURL: await serve('message-without-usage'), apiKeyEnv: 'GOOD_KEY', label: 'bad gateway' },
    ]),
  );
  const r = await runCommand(
    ['targets', file, '--parallel', '2', '--out', path.join(dir, 'out'), '--areas', 'examples', '--runs', '3'],
    { GOOD_KEY: KEY },
  );
  expect(r.code).toBe(1);
  const m = JSON.parse(readFileSync(path.join(dir, 'out', 'matrix.json'), 'utf8')) as Matrix;
  expect(m.columns.map((c) => c.label)).toEqual(['good', 'bad gateway']);
  expect(m.cells['operation:messages']!.map((c) => c.verdict)).toEqual(['supported', 'broken']);
  for (const t of ['good', 'bad'])
    expect(JSON.parse(readFileSync(path.join(dir, 'out', t, 'results.json'), 'utf8')).target.label).toBeTruthy();
  expect(r.out).not.toContain(KEY);
});

test("docs/ci.md's merge step, as written, merges the jobs' artifacts into the matrix", async () => {
  const doc = readFileSync(path.resolve(__dirname, '../../docs/ci.md'), 'utf8');
  const line = /# merge step\n\s+- run: (.+)\n/.exec(doc)![1]!;
  expect(line).toMatch(/^npx anthropic-conformance matrix /);
  const dir = tempDir('matrix-ci-');
  // Laid out as actions/download-artifact does: results/results-<name>/results.json.
  for (const [name, r] of [
    ['gateway-gpt', faithful],
    ['gateway-claude', broken],
  ] as const) {
    mkdirSync(path.join(dir, 'results', `results-${name}`), { recursive: true });
    writeFileSync(
      path.join(dir, 'results', `results-${name}`, 'results.json'),
      readFileSync(path.join(r.reportsDir!, 'results.json')),
    );
  }
  mkdirSync(path.join(dir, 'docs'));
  writeFileSync(
    path.join(dir, 'docs', 'matrix.json'),
    JSON.stringify(buildMatrix([{ results: faithful, label: 'broken' }])),
  );
  // The shell expands the step's words (the glob) as the runner would; the command runs in process.
  const words = spawnSync(
    'bash',
    ['-c', `for w in ${line.replace(/^npx anthropic-conformance /, '')}; do printf '%s\\0' "$w"; done`],
    { cwd: dir, encoding: 'utf8' },
  )
    .stdout.split('\0')
    .filter(Boolean);
  const r = await runCommand(words, {}, undefined, dir);
  expect(r.code).toBe(1); // "broken" was supported in the accepted matrix
  const m = JSON.parse(readFileSync(path.join(dir, 'matrix', 'matrix.json'), 'utf8')) as Matrix;
  expect(m.columns).toHaveLength(2);
});
