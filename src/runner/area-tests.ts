/**
 * Declares the jest tests of one contract area: the area's requests are sent once (beforeAll), then
 * one test per check (runner/check-tests.ts). The suite's own clocks (http/deadline.ts) end every
 * request; jest's hook timeout is only a backstop behind them.
 */
import { AREAS, areaCheckIds, evaluateArea, type AreaOutcome } from '../suite/areas';
import { harnessTimeoutMs } from './harness';
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
    }, harnessTimeoutMs());
    declareCheckTests(areaCheckIds(area), () => ({ outcome, apiKey: ctx.config.apiKey }));
  });
}
