import { defineSetCheck } from './failure';
import { MODEL_CASE, pageOf, walkOf, type Page } from './models-walk';

/** The epoch stands for an unknown release date (ModelInfo.created_at); such models are not placed. */
const dated = (value: unknown): number | undefined => {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(t) && t > 0 ? t : undefined;
};

/**
 * "More recently released models are listed first" (https://docs.claude.com/en/api/models-list), and
 * `created_at` is the release time: along the list (the walk's pages in order, or one page when there
 * is no walk) it never increases. Models whose date is the epoch or unreadable (an unknown date, as
 * the SDK documents it) are passed over; equal dates are in any order.
 */
export const modelsNewestFirst = defineSetCheck({
  id: 'models_newest_first',
  title: 'The models list is not newest first',
  source:
    'https://docs.claude.com/en/api/models-list ("More recently released models are listed first"); @anthropic-ai/sdk 1.14.0 src/resources/models.ts (ModelInfo.created_at)',
  profiles: ['full'],
  operations: ['models_list'],
  ran: (exchanges) => listOf(exchanges).length,
  run(_ctx, exchanges) {
    const pages = listOf(exchanges);
    let newer: { id: string; at: number; created: unknown; page: number } | undefined;
    // A model listed twice (pages that overlap: models_pagination's finding) is placed where it first came.
    const seen = new Set<string>();
    for (const [i, page] of pages.entries()) {
      for (const m of page.data) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        const at = dated(m.created_at);
        if (at === undefined) continue;
        if (newer && at > newer.at) {
          const where =
            pages.length < 2
              ? ''
              : newer.page === i
                ? ` (page ${i} of the walk)`
                : ` (page ${newer.page} then page ${i} of the walk)`;
          return [
            {
              exchange: page.ex,
              finding: {
                detail: `Received: ${m.id} (created_at ${String(m.created_at)}) listed after ${newer.id} (created_at ${String(newer.created)})${where}\nExpected: more recently released models listed first: created_at never increases along the list`,
                key: 'order',
              },
            },
          ];
        }
        newer = { id: m.id, at, created: m.created_at, page: i };
      }
    }
    return [];
  },
});

/** The walk, or else the unpaged list read in one page (limit 1000, then the probe). */
function listOf(exchanges: Parameters<typeof walkOf>[0]): Page[] {
  const walk = walkOf(exchanges);
  if (walk.length) return walk;
  const one = [MODEL_CASE.whole, MODEL_CASE.probe]
    .map((name) => exchanges.find((ex) => ex.case.name === name))
    .map((ex) => ex && pageOf(ex))
    .find((p) => p !== undefined);
  return one ? [one] : [];
}
