/**
 * Runs one jest project of ours (contract or recorded) as a child process, in band, to present a
 * run's results.json as tests (runner/present.ts), with the JUnit reporter writing junit.xml beside
 * it. The run itself is over by then: jest only reads data.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export function runJestProject(project: string, args: string[], resultsFile: string, reportsDir: string): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      require.resolve('jest/bin/jest'), // wherever npm put it (hoisted when this package is installed)
      '--selectProjects', project,
      '--runInBand',
      '--reporters=default',
      '--reporters=jest-junit',
      ...args,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        CONTRACT_RESULTS: resultsFile,
        JEST_JUNIT_OUTPUT_DIR: reportsDir,
        JEST_JUNIT_OUTPUT_NAME: 'junit.xml',
        JEST_JUNIT_SUITE_NAME: '{filepath}',
        JEST_JUNIT_CLASSNAME: '{classname}',
        JEST_JUNIT_TITLE: '{title}',
        JEST_JUNIT_REPORT_TEST_SUITE_ERRORS: 'true',
      },
    },
  );
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}
