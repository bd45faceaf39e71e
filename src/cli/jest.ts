/**
 * Runs one jest project of ours as a child process, in band, with the JUnit and contract reporters,
 * bounded by CONTRACT_RUN_TIMEOUT_MS. Shared by `npm run contract` and `npm run check:recorded`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { reportsDir } from '../report/paths';

const root = path.resolve(__dirname, '../..');

export function runJestProject(project: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const runTimeoutMs = Number(process.env.CONTRACT_RUN_TIMEOUT_MS || 15 * 60_000);
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
        JEST_JUNIT_OUTPUT_DIR: reportsDir(),
        JEST_JUNIT_OUTPUT_NAME: 'junit.xml',
        JEST_JUNIT_SUITE_NAME: '{filepath}',
        JEST_JUNIT_CLASSNAME: '{classname}',
        JEST_JUNIT_TITLE: '{title}',
        JEST_JUNIT_REPORT_TEST_SUITE_ERRORS: 'true',
      },
    },
  );
  const killer = setTimeout(() => {
    console.error(`\nThe run exceeded CONTRACT_RUN_TIMEOUT_MS (${runTimeoutMs} ms) and was stopped.`);
    child.kill('SIGKILL');
  }, runTimeoutMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve(signal ? 1 : (code ?? 1));
    });
  });
}
