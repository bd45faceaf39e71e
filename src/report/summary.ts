/** The few lines printed at the end of a run: verdict, totals, coverage, what changed, where the files are. */
import path from 'node:path';
import type { RunResults } from './results';
import type { AreaRecord, CheckRecord } from './serialize';
import { formatDiff } from './diff';
import { timingText } from './timing';
import { IMPACT_ORDER, IMPACT_WORDS } from '../checks/impact';

/** The totals in one phrase, the same wherever they are printed: jest's "failed" is `failing`. */
export function totalsText(t: RunResults['totals']): string {
  const why = [t.failed && `${t.failed} non-conformance`, t.unavailable && `${t.unavailable} target unavailable`, t.notRun && `${t.notRun} not run`].filter(Boolean);
  return `${t.passed} passed, ${t.failing} failed${why.length ? ` (${why.join(', ')})` : ''}, ${t.skipped} skipped`;
}

const tag = (c: CheckRecord) =>
  c.status === 'not_run' ? ` [not run] — ${c.reason}` : c.failures.every((f) => f.category !== 'nonconformance') ? ' [target unavailable]' : '';

export function summaryText(r: RunResults, dir?: string): string {
  const t = r.totals;
  const failing = byImpact(r.areas.flatMap((a) => a.checks.filter((c) => c.status === 'failed' || c.status === 'not_run').map((c) => ({ a, c })))).map(({ a, c }) => `  ✗ ${a.id} › ${c.id}: ${c.title} [${IMPACT_WORDS[c.impact]}]${tag(c)}`);
  const cost = `${t.requests} requests, ${t.usage.inputTokens} input and ${t.usage.outputTokens} output tokens reported by the target`;
  return [
    r.target.recorded
      ? `Recorded traffic (${r.target.label}): ${t.exchanges} exchanges; checks ${totalsText(t)}, in ${(r.durationMs / 1000).toFixed(1)} s.`
      : `Contract run against ${r.target.label} (profile ${r.profile}, seed ${r.seed}): ${totalsText(t)}; ${cost}; ${(r.durationMs / 1000).toFixed(1)} s.`,
    ...failing,
    ...r.areas.filter((a) => a.notImplemented && a.skipped).map((a) => `  ! ${a.id}: not implemented (${a.notImplemented}); clients that call it (Claude Code, the SDKs) fail there`),
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
  const state = a.notImplemented ? `not implemented (${a.notImplemented})` : a.skipped ? `skipped: ${a.skipped}` : `${count('passed')} passed, ${count('failed')} failed${count('not_run') ? `, ${count('not_run')} not run` : ''}`;
  return `${a.id}: ${state}; ${a.requests} requests, ${(a.durationMs / 1000).toFixed(1)} s`;
}

/**
 * Every check that did not pass, in full: what was sent, what came back, which rule, the curl line
 * (the text jest shows for the same test). Printed before the summary, so that the verdict is last.
 */
export function failureDetailsText(r: RunResults): string {
  return byImpact(r.areas.flatMap((a) => a.checks.filter((c) => c.message && (c.status === 'failed' || c.status === 'not_run')).map((c) => ({ a, c }))))
    .map(({ a, c }) => `● ${a.id} › ${c.id} [${IMPACT_WORDS[c.impact]}]\n\n${indent(c.message!)}\n`)
    .join('\n');
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

const indent = (text: string) => text.replace(/^/gm, '  ');
