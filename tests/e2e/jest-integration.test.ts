/**
 * The jest integration as a user meets it: a test file of theirs calls describeConformance (from
 * the compiled package) against a broken server, with a house rule of their own. jest's own result
 * for every test must be what the run found for that check: passed, failed, or skipped (never a
 * skipped check shown as passed), and the user's check gates like ours.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import type { RunResults } from '../../src/report/results';
import { BROKEN } from '../fixtures/servers/catalogue';
import { ROOT, runProcess, userEnv } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

const KEY = 'jest-integration-key-0123';

const USER_FILE = `
const { describeConformance } = require(${JSON.stringify(path.join(ROOT, 'dist/jest/index.js'))});
const { defineCheck } = require(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
// A gateway team's house rule: every answer names the gateway in a header.
const gatewayHeader = defineCheck({
  id: 'house_gateway_header', title: 'Answer without x-gateway header', source: 'our gateway handbook',
  profiles: ['full'], operations: ['messages'],
  run: (ctx, ex) => (ex.response && !ex.response.headers['x-gateway'] ? [{ detail: 'Received: no x-gateway header' }] : []),
});
describeConformance({ baseURL: process.env.TARGET, apiKey: process.env.KEY, runs: 3, areas: ['examples', 'auth-version', 'count-tokens'],
  operations: ['messages', 'count_tokens'], reportsDir: process.env.REPORTS, checks: [gatewayHeader], summary: false });
`;

test("a user's jest file: every jest verdict is the run's verdict for that check; the user's check gates", async () => {
  const server = await startMock(await loadContract(), {
    apiKey: KEY,
    fault: BROKEN.find((f) => f.name === 'message-without-usage')!.fault,
  });
  const dir = tempDir('jest-user-');
  const reports = path.join(dir, 'reports');
  writeFileSync(path.join(dir, 'conformance.test.js'), USER_FILE);
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'user-project', private: true, jest: { testEnvironment: 'node' } }),
  );
  try {
    const jest = require.resolve('jest/bin/jest');
    const r = await runProcess(
      process.execPath,
      // jest's cache in the user's folder, not the OS temporary folder (CI checks it is left clean).
      [
        jest,
        '--rootDir',
        dir,
        '--cacheDirectory',
        path.join(dir, '.jest-cache'),
        '--ci',
        '--json',
        '--outputFile',
        path.join(dir, 'jest.json'),
      ],
      { cwd: dir, env: userEnv({ TARGET: server.url, KEY, REPORTS: reports }), timeoutMs: 120_000 },
    );
    expect(r.code).toBe(1);
    const jestResults = JSON.parse(readFileSync(path.join(dir, 'jest.json'), 'utf8')) as {
      testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }>;
    };
    const run = JSON.parse(readFileSync(path.join(reports, 'results.json'), 'utf8')) as RunResults;
    const seen = jestResults.testResults[0]!.assertionResults.map((a) => ({
      area: a.ancestorTitles[1],
      id: a.title,
      status: a.status,
    }));
    const expected = run.areas.flatMap((a) =>
      a.checks.map((c) => ({
        area: a.title,
        id: c.id,
        status: { passed: 'passed', failed: 'failed', not_run: 'failed', skipped: 'pending' }[c.status],
      })),
    );
    const key = (x: { area?: string; id: string }) => `${x.area} › ${x.id}`;
    expect([...seen].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...expected].sort((a, b) => key(a).localeCompare(key(b))),
    );
    // The fault is caught, a skipped check is skipped, and the house rule fails where it is reported.
    expect(seen).toContainEqual({ area: 'Spec examples', id: 'response_schema_conformance', status: 'failed' });
    expect(seen.filter((s) => s.status === 'pending').length).toBeGreaterThan(0);
    // Reported on the areas whose operation it judges (count-tokens calls count_tokens).
    expect(seen.filter((s) => s.id === 'house_gateway_header')).toEqual([
      { area: 'Spec examples', id: 'house_gateway_header', status: 'failed' },
      { area: 'Authentication, versions and models', id: 'house_gateway_header', status: 'failed' },
    ]);
    expect(r.out).toMatch(/Answer without x-gateway header/);
  } finally {
    await server.close();
  }
}, 180_000);
