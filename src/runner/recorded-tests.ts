/**
 * Declares the jest tests of `npm run check:recorded`: the exchanges named by CONTRACT_RECORDED (a
 * JSON array of paths) are checked once, then one test per check (runner/check-tests.ts).
 */
import { loadContract } from '../contract/spec';
import { CHECK_IDS, checkOutcomes, type AreaDef, type AreaOutcome } from '../suite/areas';
import { checkRecorded, type RecordedCheck } from '../recorded/check';
import { declareCheckTests, publishOutcome } from './check-tests';
import { unreadableText } from '../recorded/check';
import { displayPath } from '../report/repro';
import { escapeDeep } from '../report/escape';

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
      publishOutcome(outcome, '', { unreadable: escapeDeep(checked.errors.map((e) => ({ file: displayPath(e.file), message: e.message }))) });
    });

    test('every file is a recorded exchange or a HAR file', () => {
      // Each unreadable file named with why; the message is the whole story (no stack, no diff).
      const problem = unreadableText(checked.errors) || (checked.results.length ? '' : 'No exchange to check in the given paths.');
      if (problem) throw Object.assign(new Error(problem), { stack: problem });
    });

    declareCheckTests(RECORDED_AREA.checks, () => ({ outcome, apiKey: '' }), 20);
  });
}
