/**
 * One finding per cause across the run. Each area records its own findings (one record per cause
 * within the area, serialize.ts); a target with no `request-id` header breaks the same rule in every
 * area. Here the records of a whole run are gathered by check and stable key into one cause that
 * lists the areas and the cases it was seen in. The console and report.html print causes; JUnit
 * keeps one test per area and check (report/junit.ts, jest/describe-conformance.ts).
 */
import type { RunResults } from './results';
import type { FailureRecord } from './serialize';

export interface Cause {
  /** The check that found it (never the catch-all `other_checks`). */
  checkId: string;
  /** `check_id:stable-key`, the same in every area. */
  key: string;
  title: string;
  severity: string;
  category: string;
  /** The first record seen, whose detail, response and curl line are shown. */
  first: FailureRecord;
  /** Area ids, in run order. */
  areas: string[];
  /** Every distinct case, in run order. */
  cases: string[];
  /** Exchanges it was found in, over all areas. */
  count: number;
}

/** The run's failures (`failures`) or warnings (`warnings`), one per cause, in the order first seen. */
export function gatherCauses(r: Pick<RunResults, 'areas'>, kind: 'failures' | 'warnings'): Cause[] {
  const causes = new Map<string, Cause>();
  for (const area of r.areas) {
    for (const check of area.checks) {
      for (const f of check[kind] ?? []) {
        const id = `${f.category}\n${f.key}`;
        const c =
          causes.get(id) ??
          causes
            .set(id, {
              checkId: f.checkId,
              key: f.key,
              title: f.title,
              severity: f.severity,
              category: f.category,
              first: f,
              areas: [],
              cases: [],
              count: 0,
            })
            .get(id)!;
        if (!c.areas.includes(area.id)) c.areas.push(area.id);
        for (const name of f.cases ?? (f.case ? [f.case] : [])) if (!c.cases.includes(name)) c.cases.push(name);
        c.count += f.count ?? 1;
        // Prefer a record that carries excerpts (the first ones of each check do).
        if (!c.first.response && f.response) c.first = f;
      }
    }
  }
  return [...causes.values()];
}

/** Warning causes of the run, grouped by the check that found them (report order kept). */
export function warningsByCheck(
  r: Pick<RunResults, 'areas'>,
): Array<{ checkId: string; title: string; causes: Cause[] }> {
  const byCheck = new Map<string, { checkId: string; title: string; causes: Cause[] }>();
  for (const c of gatherCauses(r, 'warnings')) {
    const g =
      byCheck.get(c.checkId) ??
      byCheck.set(c.checkId, { checkId: c.checkId, title: c.title, causes: [] }).get(c.checkId)!;
    g.causes.push(c);
  }
  return [...byCheck.values()];
}
