/**
 * The design held in place: a run's state travels in its Run object and in the data areas return,
 * never through globals, environment variables (read only at the edge, src/config.ts) or scratch
 * files; an operation is a value the client builds its request from.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseShard } from '../../src/config';
import { buildRequest } from '../../src/http/client';
import { loadContract } from '../../src/contract/spec';
import { OPERATION_IDS } from '../../src/contract/operations';
import { findBaseline, totalsOf, type RunResults } from '../../src/report/results';
import { hungArea } from '../../src/engine/evaluate';
import { AREAS, CHECK_META } from '../../src/suite/areas';
import { tempDir } from '../helpers/temp';

const SRC = path.resolve(__dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)],
  );

test('no run state through globals, environment rewrites or scratch files', () => {
  const offending = files(SRC)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${path.relative(SRC, f)}:${i + 1}`, line }))
        .filter(
          ({ line }) =>
            /\bglobalThis\b|process\.env\b|\.run\//.test(line) &&
            !line.trim().startsWith('*') &&
            !line.trim().startsWith('//'),
        ),
    )
    // The edge that reads the environment; jest-circus's event list, the one way to skip a test at run time.
    .filter(
      ({ where }) =>
        !where.startsWith('config.ts:') && !where.startsWith(path.join('jest', 'describe-conformance.ts:')),
    );
  expect(offending).toEqual([]);
});

test('a shard is i/n with 1 <= i <= n', () => {
  expect(parseShard('2/3')).toEqual([2, 3]);
  expect(() => parseShard('3/2')).toThrow(/shard must be i\/n/);
  expect(() => parseShard('x')).toThrow(/shard must be i\/n/);
});

test('every operation is a value from the spec, and the client builds method and URL from it', async () => {
  const contract = await loadContract();
  const target = {
    baseUrl: 'http://127.0.0.1:9/prefix',
    apiKey: 'k',
    customHeaders: {},
    anthropicVersion: '2023-06-01',
    retries: 0,
    timeoutMs: 1,
    minTokensPerSecond: 1,
    runDeadline: 0,
  };
  for (const id of OPERATION_IDS) {
    const op = contract.operation(id);
    expect(op.path).toMatch(/^\/v1\//);
    expect(contract.operationAt(op.method, `/prefix${op.path.replace('{model_id}', 'claude-x')}`)?.id).toBe(id);
  }
  const get = buildRequest(
    target,
    { name: 'r', operation: 'models_retrieve', pathParams: { model_id: 'a b/c' } },
    contract.operation('models_retrieve'),
  );
  expect(get).toEqual(
    expect.objectContaining({ method: 'GET', url: 'http://127.0.0.1:9/prefix/v1/models/a%20b%2Fc', body: '' }),
  );
  expect(get.headers['content-type']).toBeUndefined();
  const list = buildRequest(
    target,
    { name: 'l', operation: 'models_list', query: 'limit=2' },
    contract.operation('models_list'),
  );
  expect(list.url).toBe('http://127.0.0.1:9/prefix/v1/models?limit=2');
  const count = buildRequest(
    target,
    { name: 'c', operation: 'count_tokens', body: { model: 'm', messages: [] } },
    contract.operation('count_tokens'),
  );
  expect([count.method, count.url, count.headers['content-type']]).toEqual([
    'POST',
    'http://127.0.0.1:9/prefix/v1/messages/count_tokens',
    'application/json',
  ]);
});

test('history: a damaged file is no baseline and stops nothing; only a run of the same slice of the suite is one', () => {
  const dir = tempDir('history-');
  const run = (startedAt: string, scope?: string) =>
    ({ target: { label: 'http://127.0.0.1:1' }, startedAt, ...(scope ? { scope } : {}) }) as unknown as RunResults;
  writeFileSync(path.join(dir, '2026-01-03.json'), '{"target": {"label": "http://127.0.0.1:1"}, "startedAt": "tru');
  writeFileSync(path.join(dir, '2026-01-02.json'), JSON.stringify(run('b', 'shard 2/2')));
  writeFileSync(path.join(dir, '2026-01-01.json'), JSON.stringify(run('a')));
  expect(findBaseline(dir, run('now'))?.results.startedAt).toBe('a');
  expect(findBaseline(dir, run('now', 'shard 2/2'))?.results.startedAt).toBe('b');
  expect(findBaseline(dir, run('now', 'shard 1/2'))).toBeUndefined();
});

test('an area the suite itself could not finish: every check not run, flagged as ours, under its own title', () => {
  const record = hungArea(AREAS[0]!, 'the suite failed: boom');
  expect(record.notRun).toBe('the suite failed: boom');
  for (const c of record.checks)
    expect(c).toMatchObject({
      status: 'not_run',
      harnessError: true,
      title: CHECK_META[c.id]!.title,
      message: 'NOT RUN — the suite failed: boom',
    });
  expect(totalsOf([record])).toMatchObject({
    notRun: record.checks.length,
    harnessErrors: record.checks.length,
    passed: 0,
  });
});
