/**
 * Runs one jest project of ours as a child process, in band, with the JUnit and contract reporters.
 * Shared by `npm run contract` and `npm run check:recorded`. The run ends by its own deadline
 * (CONTRACT_RUN_DEADLINE, set by the contract CLI); the kill here is only a backstop behind it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { reportsDir } from '../report/paths';
import { HARNESS_GRACE_MS, runDeadline } from '../runner/harness';
import { EXIT } from './exit-codes';

const root = path.resolve(__dirname, '../..');

export function runJestProject(project: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const deadline = runDeadline({ ...process.env, ...env });
  const child = spawn(
    process.execPath,
    [
      require.resolve('jest/bin/jest'), // wherever npm put it (hoisted when this package is installed)
      '--selectProjects', project,
      '--runInBand',
      '--reporters=default',
      '--reporters=jest-junit',
      `--reporters=${path.join(root, 'src/report/jest-reporter.js')}`,
      ...args,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        ...env,
        JEST_JUNIT_OUTPUT_DIR: env.CONTRACT_REPORTS_DIR ?? reportsDir(),
        JEST_JUNIT_OUTPUT_NAME: 'junit.xml',
        JEST_JUNIT_SUITE_NAME: '{filepath}',
        JEST_JUNIT_CLASSNAME: '{classname}',
        JEST_JUNIT_TITLE: '{title}',
        JEST_JUNIT_REPORT_TEST_SUITE_ERRORS: 'true',
      },
    },
  );
  const killer = setTimeout(
    () => {
      console.error(`\nThe run did not end ${HARNESS_GRACE_MS / 1000} s after CONTRACT_RUN_TIMEOUT_MS and was stopped.`);
      child.kill('SIGKILL');
    },
    deadline + 2 * HARNESS_GRACE_MS - Date.now(),
  );
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      // Killed by the backstop: the run outlived its time limit.
      resolve(signal ? EXIT.incomplete : (code ?? 1));
    });
  });
}
