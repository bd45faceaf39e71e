/**
 * The jest side shared by contract areas and recorded traffic: publish an outcome (skips for the
 * environment, the record for the reporter) and declare one test per check that passes, fails with
 * the formatted failures, or is skipped with its reason.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeDirs } from '../report/reports-dir';
import { CHECK_META, type AreaOutcome } from '../suite/areas';
import { failingExchanges, formatFailures } from '../report/format';
import { serializeArea, type AreaRecord } from '../report/serialize';
import { runDir } from '../report/paths';
import { SKIPS_GLOBAL } from './environment';

/**
 * Tells the environment which tests to skip, and writes the outcome to reports/.run/ for the
 * reporter; `extra` adds to the record (recorded traffic: the files that could not be read).
 */
export function publishOutcome(outcome: AreaOutcome, apiKey: string, extra: Partial<AreaRecord> = {}): void {
  const skips = (globalThis as unknown as Record<string, Map<string, string>>)[SKIPS_GLOBAL];
  for (const c of outcome.checks) if (c.status === 'skipped') skips?.set(`${outcome.area.title} ${c.id}`, c.reason ?? 'skipped');
  makeDirs(runDir());
  writeFileSync(path.join(runDir(), `${outcome.area.id}.json`), JSON.stringify({ ...serializeArea(outcome, apiKey), ...extra }, null, 1));
}

/** One test per check id; `current` gives the outcome (and key) once beforeAll has produced them. */
export function declareCheckTests(ids: string[], current: () => { outcome: AreaOutcome; apiKey: string }, shown = 5): void {
  for (const id of ids) {
    test(id, () => {
      const { outcome, apiKey } = current();
      const c = outcome.checks.find((x) => x.id === id)!;
      // Never a pass: a check the run's time limit kept from judging fails the run (exit code 4).
      if (c.status === 'not_run') throw Object.assign(new Error(`NOT RUN — ${c.reason}`), { stack: `NOT RUN — ${c.reason}` });
      if (c.status === 'failed') {
        const unavailable = c.failures.every((f) => f.category !== 'nonconformance');
        const message = `${unavailable ? 'TARGET UNAVAILABLE — ' : ''}${CHECK_META[id]!.title} (${failingExchanges(c.failures)} failing exchange(s))\n\n${formatFailures(c.failures, { apiKey }, shown)}`;
        // No stack: the message is the whole story, and jest would add a code frame of this file.
        throw Object.assign(new Error(message), { stack: message });
      }
      // Skipped checks never get here (the environment marks them skipped); a pass ran on real exchanges.
      expect(c.ran).toBeGreaterThan(0);
    });
  }
}
