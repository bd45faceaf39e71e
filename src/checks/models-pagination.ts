import { defineSetCheck, type Finding } from './failure';
import type { Exchange } from '../http/exchange';
import { requestValid } from './conditions';
import { MODEL_CASE, WALK_MAX_PAGES, pageOf, pathOf, walkEnd, walkOf, type Page } from './models-walk';

/**
 * `GET /v1/models` pages the way the SDKs follow them (@anthropic-ai/sdk 1.14.0 src/core/pagination.ts:
 * forward with `after_id` = `last_id` while `has_more`, backward with `before_id` = `first_id`):
 * `first_id` / `last_id` are the ids of the page's first and last models (null when it is empty), no
 * page is longer than its `limit`, `has_more` is true exactly while another page follows, pages
 * continue without overlap or gap (the walk adds up to the list read in one page), the walk ends, and
 * `before_id` gives the page before. A target that says has_more forever is reported, not followed:
 * the walk stops at a cursor it was given before.
 */
export const modelsPagination = defineSetCheck({
  id: 'models_pagination',
  title: 'The models list does not page as its cursors say',
  source:
    'https://docs.claude.com/en/api/models-list (after_id, before_id, limit; first_id, last_id, has_more); @anthropic-ai/sdk 1.14.0 src/core/pagination.ts (Page)',
  profiles: ['full'],
  operations: ['models_list'],
  ran: (exchanges) => exchanges.filter((ex) => requestValid(ex) && pageOf(ex)).length,
  run(_ctx, exchanges) {
    const out: Array<{ finding: Finding; exchange: Exchange }> = [];
    const add = (exchange: Exchange, detail: string, key: string, severity: Finding['severity'] = 'error') =>
      out.push({ exchange, finding: { detail, key, severity } });

    // An invalid limit (0, 1001) answered 200 is negative_data_rejection's finding, not a page to judge.
    for (const page of exchanges
      .filter(requestValid)
      .map(pageOf)
      .filter((p): p is Page => p !== undefined)) {
      const [first, last] = [page.data[0]?.id ?? null, page.data.at(-1)?.id ?? null];
      if (page.firstId !== first)
        add(
          page.ex,
          `Received: first_id ${JSON.stringify(page.firstId)} on ${pathOf(page.ex)}, whose data begins with ${JSON.stringify(first)}\nExpected: first_id is the id of the page's first model (null when data is empty)`,
          'first_id',
        );
      if (page.lastId !== last)
        add(
          page.ex,
          `Received: last_id ${JSON.stringify(page.lastId)} on ${pathOf(page.ex)}, whose data ends with ${JSON.stringify(last)}\nExpected: last_id is the id of the page's last model (null when data is empty): clients page on with after_id = last_id`,
          'last_id',
        );
      if (page.limit !== undefined && page.data.length > page.limit)
        add(
          page.ex,
          `Received: ${page.data.length} models on ${pathOf(page.ex)}\nExpected: at most limit (${page.limit}) models a page`,
          'limit',
        );
    }

    const pages = walkOf(exchanges);
    const seen = new Map<string, number>();
    let overlap = false;
    pages.forEach((page, i) => {
      if (i > 0 && !page.data.length)
        add(
          page.ex,
          `Received: an empty page on ${pathOf(page.ex)}, after page ${i - 1} said has_more: true\nExpected: has_more true only while another page follows`,
          'has_more',
        );
      const again = page.data.map((m) => m.id).filter((id) => seen.has(id));
      if (again.length && !overlap) {
        overlap = true;
        add(
          page.ex,
          `Received: ${again
            .slice(0, 3)
            .map((id) => `${id} (already on page ${seen.get(id)})`)
            .join(
              ', ',
            )}${again.length > 3 ? ` and ${again.length - 3} more` : ''} on page ${i} of the walk, ${pathOf(page.ex)}\nExpected: each page continues after the previous one's last_id: no model listed twice`,
          'overlap',
        );
      }
      for (const m of page.data) if (!seen.has(m.id)) seen.set(m.id, i);
    });

    const end = walkEnd(pages, WALK_MAX_PAGES);
    const last = pages.at(-1);
    if (last && end === 'repeated_cursor')
      add(
        last.ex,
        `Received: has_more: true and last_id ${JSON.stringify(last.lastId)} again on page ${pages.length - 1} of the walk (${pathOf(last.ex)}); a client following has_more would loop forever\nExpected: after_id = last_id moves on, and has_more turns false on the last page (the walk stopped here)`,
        'endless',
      );
    if (last && end === 'no_cursor' && last.data.length)
      add(
        last.ex,
        `Received: has_more: true with last_id ${JSON.stringify(last.lastId)} on ${pathOf(last.ex)}\nExpected: a last_id to continue from while has_more is true`,
        'no_cursor',
      );
    if (last && end === 'no_cursor' && !last.data.length && pages.length === 1)
      add(
        last.ex,
        `Received: an empty page with has_more: true on ${pathOf(last.ex)}\nExpected: has_more true only while another page follows`,
        'has_more',
      );
    if (last && end === 'cap')
      add(
        last.ex,
        `Received: has_more still true after ${pages.length} pages of ${last.limit ?? '?'} models\nThe walk stopped there (a cap of the suite); the rest of the list was not judged`,
        'cap',
        'warning',
      );

    // Gaps: the walk adds up to the list read without a cursor (limit 1000, the probe, limit 1), as far as each goes.
    const walked = pages.flatMap((p) => p.data.map((m) => m.id));
    if (!overlap && walked.length) {
      const refs = [MODEL_CASE.whole, MODEL_CASE.probe, MODEL_CASE.newest]
        .map((name) => exchanges.find((ex) => ex.case.name === name))
        .map((ex) => ex && pageOf(ex))
        .filter((p): p is Page => p !== undefined);
      for (const ref of refs) {
        const ids = ref.data.map((m) => m.id);
        const k = ids.findIndex((id, i) => i < walked.length && walked[i] !== id);
        if (k >= 0) {
          add(
            pages[Math.min(pages.length - 1, Math.floor(k / (pages[0]!.limit || 1)))]!.ex,
            `Received: the walk (after_id = last_id, ${pages[0]!.limit ?? '?'} a page) lists ${walked[k]} as model #${k + 1}, where ${pathOf(ref.ex)} lists ${ids[k]}\nExpected: the pages add up to the list, without gap or reordering`,
            'gap',
          );
          break;
        }
        if (end === 'end' && ref.hasMore === false && ids.length !== walked.length) {
          add(
            last!.ex,
            `Received: the walk listed ${walked.length} models in ${pages.length} pages; ${pathOf(ref.ex)} lists ${ids.length} with has_more: false\nExpected: the pages add up to the whole list`,
            'gap',
          );
          break;
        }
      }
    }

    // before_id = the last page's first_id gives the page before it.
    const before = exchanges.find((ex) => ex.case.name === MODEL_CASE.before);
    const back = before && pageOf(before);
    if (back && pages.length > 1) {
      const expected = pages[pages.length - 2]!;
      const [got, want] = [back.data.map((m) => m.id), expected.data.map((m) => m.id)];
      if (got.join('\n') !== want.join('\n'))
        add(
          back.ex,
          `Received: [${got.join(', ')}] for ${pathOf(back.ex)}\nExpected: the page just before ${back.beforeId}: [${want.join(', ')}] (page ${pages.length - 2} of the walk)`,
          'before_id',
        );
      else if (back.hasMore !== pages.length > 2)
        add(
          back.ex,
          `Received: has_more: ${JSON.stringify(back.hasMore)} for ${pathOf(back.ex)}, the walk's page ${pages.length - 2}\nExpected: has_more ${pages.length > 2} (${pages.length > 2 ? 'more models lie before it' : 'it is the first page'}): has_more tells whether another page lies in the direction paged\nUnverified expectation, not counted as a failure: no public source shows has_more on a backward page`,
          'unverified:before_has_more',
          'warning',
        );
    }
    return out;
  },
});
