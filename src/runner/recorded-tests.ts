/**
 * Declares the jest tests of `npm run check:recorded`: the exchanges named by CONTRACT_RECORDED (a
 * JSON array of paths) are checked once, then one test per check passes, fails with the formatted
 * failures, or is skipped when no exchange gave it anything to check.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../contract/spec';
import { CHECK_IDS, CHECK_META, checkOutcomes, type AreaDef, type AreaOutcome } from '../suite/areas';
import { checkRecorded, type RecordedCheck } from '../recorded/check';
import { formatFailures } from '../report/format';
import { serializeArea } from '../report/serialize';
import { runDir } from '../report/paths';
import { SKIPS_GLOBAL } from './environment';

export const RECORDED_AREA: AreaDef = { id: 'recorded', title: 'Recorded exchanges', profiles: ['full'], checks: CHECK_IDS, cases: () => [] };

export function describeRecorded(): void {
  const paths = JSON.parse(process.env.CONTRACT_RECORDED ?? '[]') as string[];
  describe(RECORDED_AREA.title, () => {
    let checked: RecordedCheck;
    let outcome: AreaOutcome;
    beforeAll(async () => {
      const started = Date.now();
      checked = await checkRecorded(paths);
      const contract = await loadContract();
      outcome = { area: RECORDED_AREA, results: checked.results, checks: checkOutcomes({ contract, profile: 'full' }, RECORDED_AREA.checks, checked.results), durationMs: Date.now() - started };
      const skips = (globalThis as unknown as Record<string, Map<string, string>>)[SKIPS_GLOBAL];
      for (const c of outcome.checks) if (c.status === 'skipped') skips?.set(`${RECORDED_AREA.title} ${c.id}`, c.reason ?? 'skipped');
      mkdirSync(runDir(), { recursive: true });
      writeFileSync(path.join(runDir(), 'recorded.json'), JSON.stringify(serializeArea(outcome, ''), null, 1));
    });

    test('every file is a recorded exchange or a HAR file', () => {
      expect(checked.errors).toEqual([]);
      expect(checked.results.length).toBeGreaterThan(0);
    });

    for (const id of RECORDED_AREA.checks) {
      test(id, () => {
        const c = outcome.checks.find((x) => x.id === id)!;
        if (c.status === 'failed') {
          const message = `${CHECK_META[id]!.title} (${c.failures.length} failing exchange(s))\n\n${formatFailures(c.failures, { apiKey: '' }, 20)}`;
          throw Object.assign(new Error(message), { stack: message });
        }
        expect(c.ran).toBeGreaterThan(0);
      });
    }
  });
}
