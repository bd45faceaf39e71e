/** The few lines printed at the end of a run: verdict, totals, coverage, what changed, where the files are. */
import path from 'node:path';
import { reportsDir } from './paths';
import type { RunResults } from './results';
import { formatDiff } from './diff';

export function summaryText(r: RunResults): string {
  const t = r.totals;
  const failing = r.areas.flatMap((a) => a.checks.filter((c) => c.status === 'failed').map((c) => `  ✗ ${a.id} › ${c.id}: ${c.title}${c.failures.every((f) => f.category !== 'nonconformance') ? ' [target unavailable]' : ''}`));
  return [
    r.target.recorded
      ? `Recorded traffic (${r.target.label}): ${t.exchanges} exchanges; checks ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, in ${(r.durationMs / 1000).toFixed(1)} s.`
      : `Contract run against ${r.target.label} (profile ${r.profile}, seed ${r.seed}): ${t.passed} passed, ${t.failed} failed, ${t.unavailable} unavailable, ${t.skipped} skipped; ${t.requests} requests in ${(r.durationMs / 1000).toFixed(1)} s.`,
    ...failing,
    `Spec coverage: requests ${r.coverage.request.percent}%, responses ${r.coverage.response.percent}%.`,
    r.diff ? formatDiff(r.diff) : '',
    `Reports: ${shortPath(reportsDir())}/ (report.html, results.json, junit.xml, history/)`,
  ]
    .filter(Boolean)
    .join('\n');
}

const shortPath = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
};
