/**
 * The jest side of a run: it reads the run's results.json (named by CONTRACT_RESULTS, written by the
 * CLI before jest starts) and declares one test per area and check — passed, failed with the
 * formatted failures, not run (a failure: never a pass), or skipped with its reason. jest and the
 * JUnit file it feeds show exactly what the data says; nothing is judged here.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { RunResults } from '../report/results';
import { unreadableText } from '../recorded/check';

export function presentResults(file = process.env.CONTRACT_RESULTS): void {
  if (!file || !existsSync(file)) {
    test('a contract run', () => {
      throw noStack('No results to present: run the suite with `npm run contract` (or `npm run check:recorded -- PATH...`), which writes results.json and then starts jest.');
    });
    return;
  }
  const results = JSON.parse(readFileSync(file, 'utf8')) as RunResults;
  for (const area of results.areas) {
    describe(area.title, () => {
      if (area.unreadable) {
        test('every file is a recorded exchange or a HAR file', () => {
          // Each unreadable file named with why; the message is the whole story (no stack, no diff).
          const problem = unreadableText(area.unreadable!) || (area.exchanges ? '' : 'No exchange to check in the given paths.');
          if (problem) throw noStack(problem);
        });
      }
      for (const check of area.checks) {
        if (check.status === 'skipped') {
          // The name stays the check id (JUnit consumers follow tests by name); report.html gives the reason.
          test.skip(check.id, () => undefined);
          continue;
        }
        test(check.id, () => {
          if (check.status !== 'passed') throw noStack(check.message ?? `${check.status}: ${check.reason ?? check.title}`);
          // A pass ran on real exchanges.
          expect(check.ran).toBeGreaterThan(0);
        });
      }
    });
  }
}

/** No stack: the message is the whole story, and jest would add a code frame of this file. */
const noStack = (message: string) => Object.assign(new Error(message), { stack: message });
