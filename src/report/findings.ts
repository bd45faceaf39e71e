/**
 * The run's findings as console text, from results data alone: the failures, one per cause across
 * the run (causes.ts) with the areas and cases it was seen in, those that break clients first, then
 * the warnings, grouped by check.
 * A warning never fails a run, but it is printed: a check that only warned shows `✓` in jest.
 * Records are already redacted and escaped (serialize.ts), so the text is safe to print as it is.
 */
import type { RunResults } from './results';
import { gatherCauses, warningsByCheck, type Cause } from './causes';
import { listCases } from './format';
import { IMPACT_ORDER, IMPACT_WORDS } from '../checks/impact';

export interface FindingsTextOptions {
  /** Causes printed in full (detail, rule, response, curl line); the rest in one line each. Default 10. */
  inFull?: number;
  /** Case names listed per cause before "… and N more". Default 5. */
  casesShown?: number;
  /** Warning causes printed per check before "… and N more". Default 5. */
  warningsPerCheck?: number;
}

const indent = (s: string, n = 2) =>
  s
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where a cause was seen: "in 3 areas (examples, valid-requests, semantics), 42 cases". */
export function seenIn(c: Pick<Cause, 'areas' | 'cases'>): string {
  const areas = c.areas.length === 1 ? `in ${c.areas[0]}` : `in ${c.areas.length} areas (${c.areas.join(', ')})`;
  return `${areas}, ${plural(c.cases.length, 'case')}`;
}

function causeInFull(c: Cause, shown: number): string {
  const f = c.first;
  const tag = c.category !== 'nonconformance' ? ` [${c.category}]` : ` [${IMPACT_WORDS[f.impact]}]`;
  const out = [`✗ ${c.title} (${c.checkId})${tag} — ${seenIn(c)}`, indent(f.detail), `  Rule: ${f.source}`];
  if (f.collapsed) out.push(`  ${f.collapsed}`);
  if (f.case) out.push(`  Case: ${f.case}${f.caseDescription ? ` — ${f.caseDescription}` : ''}`);
  if (f.seed !== undefined)
    out.push(`  Replay: CONTRACT_SEED=${f.seed}${f.fcPath ? ` (fast-check path ${f.fcPath})` : ''}`);
  if (f.response) out.push('  Response:', indent(f.response, 4));
  if (f.curl) out.push('  Reproduce with:', indent(f.curl, 4));
  if (c.cases.length > 1)
    out.push(
      `  (${c.cases.length} cases hit this: ${listCases(c.cases, shown)}${c.cases.length > shown ? '; results.json and report.html list every case' : ''})`,
    );
  return out.join('\n');
}

const firstLine = (s: string) => s.split('\n')[0]!.slice(0, 160);

/** Every failure of the run, one block per cause; empty when there is none. */
export function failuresText(r: Pick<RunResults, 'areas'>, o: FindingsTextOptions = {}): string {
  // What breaks clients first (checks/impact.ts), in the run's order within a class.
  const causes = gatherCauses(r, 'failures').sort(
    (a, b) => IMPACT_ORDER.indexOf(a.first.impact) - IMPACT_ORDER.indexOf(b.first.impact),
  );
  if (!causes.length) return '';
  const inFull = o.inFull ?? 10;
  const shown = o.casesShown ?? 5;
  const parts = [
    `Failures (${plural(causes.length, 'cause')}):`,
    ...causes.slice(0, inFull).map((c) => causeInFull(c, shown)),
  ];
  const rest = causes.slice(inFull);
  if (rest.length)
    parts.push(
      [
        `… and ${rest.length} more, in brief (report.html shows each in full):`,
        ...rest.map((c) => `  ✗ ${c.title} (${c.checkId}): ${firstLine(c.first.detail)} — ${seenIn(c)}`),
      ].join('\n'),
    );
  return parts.join('\n\n');
}

/** Every warning of the run, grouped by check, one line or three per cause; empty when there is none. */
export function warningsText(r: Pick<RunResults, 'areas'>, o: FindingsTextOptions = {}): string {
  const groups = warningsByCheck(r);
  if (!groups.length) return '';
  const shown = o.casesShown ?? 5;
  const total = groups.reduce((n, g) => n + g.causes.length, 0);
  const lines = [`Warnings (${plural(total, 'cause')}; not counted as failures):`];
  for (const g of groups) {
    lines.push(`  ⚠ ${g.checkId}: ${g.title}${g.causes.length > 1 ? ` (${plural(g.causes.length, 'cause')})` : ''}`);
    const perCheck = o.warningsPerCheck ?? 5;
    for (const c of g.causes.slice(0, perCheck)) {
      const detail = c.first.detail
        .split('\n')
        .slice(0, 3)
        .map((l) => l.slice(0, 200));
      lines.push(
        `    - ${detail[0]}`,
        ...detail.slice(1).map((l) => `      ${l}`),
        `      ${seenIn(c)}: ${listCases(c.cases, shown)}`,
      );
    }
    if (g.causes.length > perCheck)
      lines.push(`    … and ${g.causes.length - perCheck} more (results.json and report.html list each)`);
  }
  return lines.join('\n');
}

/** What the console prints after a run, before the summary: the failures, then the warnings. */
export function findingsText(r: Pick<RunResults, 'areas'>, o: FindingsTextOptions = {}): string {
  return [failuresText(r, o), warningsText(r, o)].filter(Boolean).join('\n\n');
}
