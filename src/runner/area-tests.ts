/**
 * Declares the jest tests of one contract area: the area's requests are sent once (beforeAll), then
 * one test per check passes, fails with the formatted failures, or is skipped with its reason.
 * Each area's outcome is written to reports/.run/ for the reporter.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AREAS, CHECK_META, areaCheckIds, evaluateArea, type AreaOutcome } from '../suite/areas';
import { suiteContext, type SuiteContext } from '../suite/context';
import { formatFailures } from '../report/format';
import { serializeArea } from '../report/serialize';
import { runDir } from '../report/paths';
import { SKIPS_GLOBAL } from './environment';

export function describeArea(id: string): void {
  const area = AREAS.find((a) => a.id === id);
  if (!area) throw new Error(`no contract area ${id}`);
  describe(area.title, () => {
    let ctx: SuiteContext;
    let outcome: AreaOutcome;
    beforeAll(async () => {
      ctx = await suiteContext();
      outcome = await evaluateArea(ctx, area);
      const skips = (globalThis as unknown as Record<string, Map<string, string>>)[SKIPS_GLOBAL];
      for (const c of outcome.checks) if (c.status === 'skipped') skips?.set(`${area.title} ${c.id}`, c.reason ?? 'skipped');
      const dir = runDir();
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${area.id}.json`), JSON.stringify(serializeArea(outcome, ctx.config.apiKey), null, 1));
    });
    for (const id of areaCheckIds(area)) {
      test(id, () => {
        const c = outcome.checks.find((x) => x.id === id)!;
        if (c.status === 'failed') {
          const unavailable = c.failures.every((f) => f.category !== 'nonconformance');
          const message = `${unavailable ? 'TARGET UNAVAILABLE — ' : ''}${CHECK_META[id]!.title} (${c.failures.length} failing exchange(s))\n\n${formatFailures(c.failures, { apiKey: ctx.config.apiKey })}`;
          // No stack: the message is the whole story, and jest would add a code frame of this file.
          throw Object.assign(new Error(message), { stack: message });
        }
        // Skipped checks never get here (the environment marks them skipped); a pass ran on real exchanges.
        expect(c.ran).toBeGreaterThan(0);
      });
    }
  });
}
