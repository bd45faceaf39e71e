/**
 * Declares the jest tests of one contract area: the area's requests are sent once (beforeAll), then
 * one test per check (runner/check-tests.ts).
 */
import { AREAS, areaCheckIds, evaluateArea, type AreaOutcome } from '../suite/areas';
import { suiteContext, type SuiteContext } from '../suite/context';
import { declareCheckTests, publishOutcome } from './check-tests';

export function describeArea(id: string): void {
  const area = AREAS.find((a) => a.id === id);
  if (!area) throw new Error(`no contract area ${id}`);
  describe(area.title, () => {
    let ctx: SuiteContext;
    let outcome: AreaOutcome;
    beforeAll(async () => {
      ctx = await suiteContext();
      outcome = await evaluateArea(ctx, area);
      publishOutcome(outcome, ctx.config.apiKey);
    });
    declareCheckTests(areaCheckIds(area), () => ({ outcome, apiKey: ctx.config.apiKey }));
  });
}
