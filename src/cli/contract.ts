/**
 * `npm run contract [-- jest args]`: runs the conformance suite (jest's contract project, in band,
 * with the JUnit and contract reporters), bounded by CONTRACT_RUN_TIMEOUT_MS, then decides the exit
 * code from reports/results.json: any failure fails the run, or with CONTRACT_FAIL_ON=new only
 * failures that are new since the previous run (a drift gate for known, accepted deviations).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { reportsDir } from '../report/paths';
import type { RunResults } from '../report/results';

const root = path.resolve(__dirname, '../..');
const runTimeoutMs = Number(process.env.CONTRACT_RUN_TIMEOUT_MS || 15 * 60_000);
const failOn = process.env.CONTRACT_FAIL_ON || 'any';
if (failOn !== 'any' && failOn !== 'new') {
  console.error(`CONTRACT_FAIL_ON must be "any" or "new", got ${JSON.stringify(failOn)}`);
  process.exit(2);
}

const results = path.join(reportsDir(), 'results.json');
rmSync(results, { force: true });
const args = [
  path.join(root, 'node_modules/jest/bin/jest.js'),
  '--selectProjects', 'contract',
  '--runInBand',
  '--reporters=default',
  '--reporters=jest-junit',
  `--reporters=${path.join(root, 'src/report/jest-reporter.js')}`,
  ...process.argv.slice(2),
];
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    JEST_JUNIT_OUTPUT_DIR: reportsDir(),
    JEST_JUNIT_OUTPUT_NAME: 'junit.xml',
    JEST_JUNIT_SUITE_NAME: '{filepath}',
    JEST_JUNIT_CLASSNAME: '{classname}',
    JEST_JUNIT_TITLE: '{title}',
    JEST_JUNIT_REPORT_TEST_SUITE_ERRORS: 'true',
  },
});
const killer = setTimeout(() => {
  console.error(`\nThe run exceeded CONTRACT_RUN_TIMEOUT_MS (${runTimeoutMs} ms) and was stopped.`);
  child.kill('SIGKILL');
}, runTimeoutMs);

child.on('exit', (code, signal) => {
  clearTimeout(killer);
  if (signal || !existsSync(results)) process.exit(code || 1);
  const r = JSON.parse(readFileSync(results, 'utf8')) as RunResults;
  if (failOn === 'new') {
    const fresh = r.diff?.newFailures ?? [];
    const unavailable = r.totals.unavailable;
    console.error(`CONTRACT_FAIL_ON=new: ${fresh.length} new failure(s)${unavailable ? `, target unavailable in ${unavailable} check(s)` : ''}.`);
    process.exit(fresh.length || unavailable ? 1 : 0);
  }
  process.exit(code ?? 1);
});
