/**
 * What changed between two runs: failures new, fixed and still failing (by stable key, so a changed
 * message text is not a change), and checks added or removed.
 */
import type { RunResults } from './results';

/** Lists of failure labels (`area › check: first line (case)`), one per distinct failure. */
export interface RunDiff {
  baseline: { file: string; startedAt: string } | null;
  newFailures: string[];
  fixed: string[];
  stillFailing: string[];
  checksAdded: string[];
  checksRemoved: string[];
}

/**
 * A failure's identity is its area and the check's stable key (never the message or the case's
 * values); what people read is the check and the first line of the failure, with its case.
 */
function failureLabels(r: RunResults): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of r.areas)
    for (const c of a.checks)
      for (const f of c.failures) {
        // A target that was down is not a target that changed: only non-conformance is compared.
        if (f.category !== 'nonconformance') continue;
        const key = `${a.id} › ${f.key}`;
        if (!out.has(key))
          out.set(
            key,
            `${a.id} › ${f.checkId}: ${f.detail.split('\n')[0]!.slice(0, 140)}${f.case ? ` (${f.case})` : ''}`,
          );
      }
  return out;
}
const checkKeys = (r: RunResults) =>
  new Set(r.areas.flatMap((a) => a.checks.filter((c) => c.status !== 'skipped').map((c) => `${a.id} › ${c.id}`)));

export function diffRuns(current: RunResults, baseline: RunResults | undefined, file = ''): RunDiff {
  if (!baseline)
    return { baseline: null, newFailures: [], fixed: [], stillFailing: [], checksAdded: [], checksRemoved: [] };
  const [now, before] = [failureLabels(current), failureLabels(baseline)];
  const [checksNow, checksBefore] = [checkKeys(current), checkKeys(baseline)];
  return {
    baseline: { file, startedAt: baseline.startedAt },
    newFailures: [...now].filter(([k]) => !before.has(k)).map(([, label]) => label),
    fixed: [...before].filter(([k]) => !now.has(k)).map(([, label]) => label),
    stillFailing: [...now].filter(([k]) => before.has(k)).map(([, label]) => label),
    checksAdded: [...checksNow].filter((k) => !checksBefore.has(k)),
    checksRemoved: [...checksBefore].filter((k) => !checksNow.has(k)),
  };
}

export function formatDiff(d: RunDiff): string {
  if (!d.baseline) return 'Since last run: no earlier run on this target to compare with.';
  const list = (title: string, items: string[]) =>
    items.length
      ? [
          `${title} (${items.length}):`,
          ...items.slice(0, 20).map((i) => `  ${i}`),
          ...(items.length > 20 ? [`  … ${items.length - 20} more`] : []),
        ]
      : [];
  const lines = [
    `Since the run of ${d.baseline.startedAt}: ${d.newFailures.length} new, ${d.fixed.length} fixed, ${d.stillFailing.length} still failing, ${d.checksAdded.length} checks added, ${d.checksRemoved.length} removed.`,
    ...list('New failures', d.newFailures),
    ...list('Fixed', d.fixed),
    ...list('Checks added', d.checksAdded),
    ...list('Checks removed', d.checksRemoved),
  ];
  return lines.join('\n');
}
