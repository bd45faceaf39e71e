/**
 * The few lines printed at the end of a run: verdict, totals (warnings counted), each failing check
 * once with its areas, coverage, what changed, where the files are. findings.ts prints the findings
 * themselves (failures, then warnings) before it.
 */
import path from 'node:path';
import type { RunResults } from './results';
import type { AreaRecord, CheckRecord } from './serialize';
import { formatDiff } from './diff';
import { timingText } from './timing';
import { featuresSummary } from './features';
import { IMPACT_ORDER, IMPACT_WORDS } from '../checks/impact';

/** The totals in one phrase, the same wherever they are printed: jest's "failed" is `failing`. */
function totalsText(t: RunResults['totals']): string {
  const why = [
    t.failed && `${t.failed} non-conformance`,
    t.unavailable && `${t.unavailable} target unavailable`,
    t.notRun && `${t.notRun} not run`,
  ].filter(Boolean);
  const warnings = t.warnings ? `, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}` : '';
  return `${t.passed} passed, ${t.failing} failed${why.length ? ` (${why.join(', ')})` : ''}, ${t.skipped} skipped${warnings}`;
}

const tag = (c: CheckRecord) =>
  c.status === 'not_run'
    ? ` [not run] — ${c.reason}`
    : c.failures.every((f) => f.category !== 'nonconformance')
      ? ' [target unavailable]'
      : '';

/** Each check that failed or did not run, once, with the areas it did so in (the first area's record speaks for it). */
function failingChecks(r: RunResults): Array<{ check: CheckRecord; areas: string[] }> {
  const byId = new Map<string, { check: CheckRecord; areas: string[] }>();
  for (const a of r.areas) {
    for (const c of a.checks.filter((x) => x.status === 'failed' || x.status === 'not_run')) {
      const id = `${c.id}\n${tag(c)}`;
      const e = byId.get(id) ?? byId.set(id, { check: c, areas: [] }).get(id)!;
      e.areas.push(a.id);
    }
  }
  return [...byId.values()];
}

export function summaryText(r: RunResults, dir?: string): string {
  const t = r.totals;
  const failing = byImpact(failingChecks(r).map((x) => ({ ...x, c: x.check }))).map(
    ({ check, areas }) =>
      `  ✗ ${check.id}: ${check.title} [${IMPACT_WORDS[check.impact]}]${tag(check)} — ${areas.length === 1 ? areas[0] : `in ${areas.length} areas (${areas.join(', ')})`}`,
  );
  const cost = `${t.requests} requests, ${t.usage.inputTokens} input and ${t.usage.outputTokens} output tokens reported by the target`;
  return [
    r.target.recorded
      ? `Recorded traffic (${r.target.label}): ${t.exchanges} exchanges; checks ${totalsText(t)}, in ${(r.durationMs / 1000).toFixed(1)} s.`
      : `Contract run against ${r.target.label} (profile ${r.profile}, seed ${r.seed}): ${totalsText(t)}; ${cost}; ${(r.durationMs / 1000).toFixed(1)} s.`,
    ...failing,
    ...r.areas
      .filter((a) => a.notImplemented && a.skipped)
      .map(
        (a) =>
          `  ! ${a.id}: not implemented (${a.notImplemented}); clients that call it (Claude Code, the SDKs) fail there`,
      ),
    featuresSummary(r.features),
    impactText(r) ?? '',
    timingText(r.timing) ?? '',
    `Spec coverage: requests ${r.coverage.request.percent}%, responses ${r.coverage.response.percent}%.`,
    r.diff ? formatDiff(r.diff) : '',
    dir ? `Reports: ${shortPath(dir)}/ (report.html, results.json, junit.xml, history/)` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const shortPath = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
};

/** One line per area as it ends, so that a long run against a slow target shows it is alive. */
export function progressLine(a: AreaRecord): string {
  const count = (s: string) => a.checks.filter((c) => c.status === s).length;
  const state = a.notImplemented
    ? `not implemented (${a.notImplemented})`
    : a.skipped
      ? `skipped: ${a.skipped}`
      : `${count('passed')} passed, ${count('failed')} failed${count('not_run') ? `, ${count('not_run')} not run` : ''}`;
  return `${a.id}: ${state}; ${a.requests} requests, ${(a.durationMs / 1000).toFixed(1)} s`;
}

/** Checks in the order of their impact on clients (what breaks them first), stable within a class. */
export function byImpact<T extends { c: CheckRecord }>(items: T[]): T[] {
  return [...items].sort((x, y) => IMPACT_ORDER.indexOf(x.c.impact) - IMPACT_ORDER.indexOf(y.c.impact));
}

/** Findings counted by impact class: one line for the summary. */
export function impactText(r: RunResults): string | undefined {
  const all = r.areas.flatMap((a) => a.checks.flatMap((c) => [...c.failures, ...c.warnings]));
  if (!all.length) return undefined;
  const n = (i: string) => all.filter((f) => f.impact === i).length;
  return `Findings by impact: ${IMPACT_ORDER.map((i) => `${n(i)} ${IMPACT_WORDS[i]}`).join(', ')}.`;
}
