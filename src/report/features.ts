/** The feature verdicts as text: the console's summary line (the HTML table is in html.ts). */
import type { FeatureVerdict } from '../features/ids';
import type { FeatureResult } from '../features/verdicts';

export const VERDICT_TEXT: Record<FeatureVerdict, string> = {
  supported: 'supported',
  refused: 'refused',
  broken: 'broken',
  not_applicable: 'not applicable',
  not_tested: 'not tested',
};

/**
 * One line per verdict that has features, the broken ones first, e.g.
 * `Features: broken: images (content_counted); refused: thinking; supported: text, system, …; not tested: models`.
 * Empty when no feature was judged (an old results.json).
 */
export function featuresSummary(features: FeatureResult[] | undefined): string {
  if (!features?.length) return '';
  const order: FeatureVerdict[] = ['broken', 'refused', 'supported', 'not_applicable', 'not_tested'];
  const label = (f: FeatureResult) =>
    `${f.id}${f.verdict === 'broken' && f.failedChecks.length ? ` (${f.failedChecks.join(', ')})` : ''}${f.verdict === 'refused' && f.required ? ' [required]' : ''}${f.verdict === 'supported' && f.warnings.length ? ' (with warnings)' : ''}`;
  const parts = order.flatMap((v) => {
    const these = features.filter((f) => f.verdict === v);
    return these.length ? [`${VERDICT_TEXT[v]}: ${these.map(label).join(', ')}`] : [];
  });
  return `Features: ${parts.join('; ')}.`;
}
