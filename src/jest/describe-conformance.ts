/**
 * jest as users meet it: one call in one test file declares one test per area and check. The run
 * itself happens once, in process, in a `beforeAll` (runConformance); each test then shows what the
 * run found for its check: passed, failed with the formatted failures, not run (a failure, never a
 * pass), or skipped. Tests are declared before the run from the areas and checks in scope, so
 * jest's filters, reporters and JUnit work as usual; a check the run skipped is marked skipped when
 * jest starts it (jest-circus has no public way to skip a test at run time, see `skipAtStart`).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DEFAULT_RUN_TIMEOUT_MS } from '../config';
import { runConformance, type ConformanceResults, type RunOptions } from '../engine/run-conformance';
import { HARNESS_GRACE_MS, selectAreas } from '../engine/evaluate';
import { areaCheckIds } from '../suite/areas';
import { summaryText } from '../report/summary';
import type { CheckRecord } from '../report/serialize';

export interface DescribeOptions extends RunOptions {
  /** The top-level describe block's name (default "Anthropic Messages API conformance"). */
  name?: string;
  /** Print the run's summary to stderr when it ends (default true). */
  summary?: boolean;
}

export function describeConformance(options: DescribeOptions = {}): void {
  const { name = 'Anthropic Messages API conformance', summary = true, ...runOptions } = options;
  const areas = selectAreas(runOptions);
  let results: ConformanceResults | undefined;
  let crash: Error | undefined;

  describe(name, () => {
    beforeAll(
      async () => {
        try {
          results = await runConformance(runOptions);
        } catch (e) {
          crash = e as Error;
        }
      },
      (runOptions.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS) + HARNESS_GRACE_MS + 30_000,
    );

    afterAll(() => {
      if (summary && results)
        process.stderr.write(
          `\n${summaryText(results, results.reportsDir)}\n${results.notes.map((n) => `${n}\n`).join('')}`,
        );
    });

    for (const area of areas) {
      describe(area.title, () => {
        for (const id of areaCheckIds(area, runOptions.checks)) {
          const record = (): CheckRecord | undefined =>
            results?.areas.find((a) => a.id === area.id)?.checks.find((c) => c.id === id);
          const fn = () => {
            if (crash) throw noStack(`The run could not start: ${crash.message}`);
            const check = record();
            if (!check) throw noStack(`The run did not report ${area.id} › ${id}.`);
            if (check.status === 'skipped')
              throw noStack(`skipped: ${check.reason ?? ''} (this jest could not mark the test skipped)`);
            if (check.status !== 'passed')
              throw noStack(check.message ?? `${check.status}: ${check.reason ?? check.title}`);
            // A pass ran on real exchanges.
            expect(check.ran).toBeGreaterThan(0);
          };
          skipAtStart(fn, () => (record()?.status === 'skipped' ? true : false));
          test(id, fn);
        }
        const unreadable = () => results?.areas.find((a) => a.id === area.id)?.unreadable;
        if (area.id === 'recorded')
          test('every file is a recorded exchange or a HAR file', () => expect(unreadable() ?? []).toEqual([]));
      });
    }
  });
}

/** No stack: the message is the whole story, and jest would add a code frame of this file. */
const noStack = (message: string) => Object.assign(new Error(message), { stack: message });

type CircusEvent = { name: string; test?: { fn?: unknown; mode?: string } };
const skips = new Map<unknown, () => boolean>();
let hooked = false;

/**
 * Marks a test skipped when jest is about to run it, if `skipped()` says so by then (after the
 * run's beforeAll). jest-circus keeps its event handlers in a global list and reads `test.mode`
 * right after `test_start`; where that list is missing (another runner), the test fails with the
 * reason instead: a skipped check is never reported as passed.
 */
function skipAtStart(fn: unknown, skipped: () => boolean): void {
  skips.set(fn, skipped);
  const handlers = (globalThis as Record<symbol, unknown>)[Symbol.for('EVENT_HANDLERS')];
  if (hooked || !Array.isArray(handlers)) return;
  hooked = true;
  handlers.push((event: CircusEvent) => {
    if (event.name === 'test_start' && event.test && skips.get(event.test.fn)?.()) event.test.mode = 'skip';
  });
}
