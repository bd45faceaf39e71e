/**
 * What changed between two runs: failures new, fixed and still failing (by stable key, so a changed
 * message text is not a change), and checks added or removed.
 */
import type { RunResults } from './results';

export interface RunDiff {
  baseline: { file: string; startedAt: string } | null;
  newFailures: string[];
  fixed: string[];
  stillFailing: string[];
  checksAdded: string[];
  checksRemoved: string[];
}

/** A failure's identity: area and the check's stable key (never the message or the case's values). */
const failureKeys = (r: RunResults) => new Set(r.areas.flatMap((a) => a.checks.flatMap((c) => c.failures.map((f) => `${a.id} › ${f.key}`))));
const checkKeys = (r: RunResults) => new Set(r.areas.flatMap((a) => a.checks.filter((c) => c.status !== 'skipped').map((c) => `${a.id} › ${c.id}`)));

export function diffRuns(current: RunResults, baseline: RunResults | undefined, file = ''): RunDiff {
  if (!baseline) return { baseline: null, newFailures: [], fixed: [], stillFailing: [], checksAdded: [], checksRemoved: [] };
  const [now, before] = [failureKeys(current), failureKeys(baseline)];
  const [checksNow, checksBefore] = [checkKeys(current), checkKeys(baseline)];
  return {
    baseline: { file, startedAt: baseline.startedAt },
    newFailures: [...now].filter((k) => !before.has(k)),
    fixed: [...before].filter((k) => !now.has(k)),
    stillFailing: [...now].filter((k) => before.has(k)),
    checksAdded: [...checksNow].filter((k) => !checksBefore.has(k)),
    checksRemoved: [...checksBefore].filter((k) => !checksNow.has(k)),
  };
}

export function formatDiff(d: RunDiff): string {
  if (!d.baseline) return 'Since last run: no earlier run on this target to compare with.';
  const list = (title: string, items: string[]) => (items.length ? [`${title} (${items.length}):`, ...items.slice(0, 20).map((i) => `  ${i}`), ...(items.length > 20 ? [`  … ${items.length - 20} more`] : [])] : []);
  const lines = [
    `Since the run of ${d.baseline.startedAt}: ${d.newFailures.length} new, ${d.fixed.length} fixed, ${d.stillFailing.length} still failing, ${d.checksAdded.length} checks added, ${d.checksRemoved.length} removed.`,
    ...list('New failures', d.newFailures),
    ...list('Fixed', d.fixed),
    ...list('Checks added', d.checksAdded),
    ...list('Checks removed', d.checksRemoved),
  ];
  return lines.join('\n');
}
