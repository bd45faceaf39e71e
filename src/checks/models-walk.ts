/**
 * How the models area names its requests, and the pages of `GET /v1/models` read back from the
 * exchanges: the one place both the area's follow-up requests (suite/models-cases.ts) and the checks
 * across them (models_pagination, models_newest_first, model_retrieve_consistent,
 * models_listed_accepted) find the walk. Shapes: @anthropic-ai/sdk 1.14.0 src/core/pagination.ts
 * (PageResponse: data, has_more, first_id, last_id) and src/resources/models.ts (ModelInfo).
 */
import type { Exchange } from '../http/exchange';

/** Case names (prefixes) of the models area. */
export const MODEL_CASE = {
  /** `GET /v1/models` with no parameters (the area's probe). */
  probe: 'models/list',
  /** `limit=1`: the newest model alone. */
  newest: 'models/list_limit_1',
  /** `limit=1000` (limit's ceiling): the whole list in one page, what the walk must add up to. */
  whole: 'models/list_limit_1000',
  /** The forward walk: page n is `models/walk/<n>` (`after_id` = the previous page's `last_id`). */
  walk: 'models/walk/',
  /** `before_id` = the walk's last page's `first_id`: must give the page before it. */
  before: 'models/before',
  /** Retrieve of a listed id: `models/retrieve/<id>`. */
  retrieve: 'models/retrieve/',
  /** Retrieve of an alias from the spec's model table whose target is listed. */
  alias: 'models/retrieve_alias/',
  /** Retrieve of the model the run uses (ANTHROPIC_MODEL). */
  configured: 'models/retrieve_configured',
  /** `POST /v1/messages` with a listed model: `models/accepted/<id>`. */
  accepted: 'models/accepted/',
} as const;

export interface ModelRow {
  id: string;
  display_name?: unknown;
  created_at?: unknown;
}

export interface Page {
  ex: Exchange;
  data: ModelRow[];
  firstId: unknown;
  lastId: unknown;
  hasMore: unknown;
  /** The `limit` the request asked for. */
  limit?: number;
  afterId?: string;
  beforeId?: string;
}

/** The answer could be read (not a dropped connection, not unavailable through every retry). */
export const answered = (ex: Exchange): boolean => ex.response !== undefined && !ex.unavailable && !ex.transportError;

/** A 200 page of models as the client reads it, or undefined when the answer is no page (its schema is response_schema_conformance's). */
export function pageOf(ex: Exchange): Page | undefined {
  if (ex.case.operation !== 'models_list' || !answered(ex) || ex.response!.status !== 200) return undefined;
  const body = ex.response!.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || !Array.isArray(body.data)) return undefined;
  const data = body.data.filter((m): m is ModelRow => typeof (m as ModelRow | null)?.id === 'string');
  const query = new URLSearchParams(ex.case.query ?? '');
  const limit = query.has('limit') ? Number(query.get('limit')) : undefined;
  return {
    ex,
    data,
    firstId: body.first_id,
    lastId: body.last_id,
    hasMore: body.has_more,
    limit,
    afterId: query.get('after_id') ?? undefined,
    beforeId: query.get('before_id') ?? undefined,
  };
}

/** The forward walk's pages in order, up to the first one that did not answer with a page. */
export function walkOf(exchanges: Exchange[]): Page[] {
  const steps = exchanges
    .filter((ex) => ex.case.name.startsWith(MODEL_CASE.walk))
    .sort(
      (a, b) => Number(a.case.name.slice(MODEL_CASE.walk.length)) - Number(b.case.name.slice(MODEL_CASE.walk.length)),
    );
  const pages: Page[] = [];
  for (const ex of steps) {
    const page = pageOf(ex);
    if (!page) break;
    pages.push(page);
  }
  return pages;
}

/** The ids the walk listed, each once, in the order listed. */
export const listedIds = (pages: Page[]): string[] => [...new Set(pages.flatMap((p) => p.data.map((m) => m.id)))];

/**
 * Why the walk stops after its last page, or undefined when another page is due: the end
 * (`has_more` false), or a target that cannot be followed (no `last_id` to continue from, a cursor
 * given before: the same page again), or the page cap.
 */
export function walkEnd(pages: Page[], maxPages: number): 'end' | 'no_cursor' | 'repeated_cursor' | 'cap' | undefined {
  const last = pages.at(-1);
  if (!last) return undefined;
  if (last.hasMore !== true) return 'end';
  if (typeof last.lastId !== 'string' || !last.data.length) return 'no_cursor';
  if (pages.slice(0, -1).some((p) => p.lastId === last.lastId)) return 'repeated_cursor';
  if (pages.length >= maxPages) return 'cap';
  return undefined;
}

/** The pages of a walk at most (the area's follow-ups need a few stages after it, of MAX_STAGES in all). */
export const WALK_MAX_PAGES = 45;

export const pathOf = (ex: Exchange): string => {
  const url = new URL(ex.request.url);
  return `${ex.request.method} ${url.pathname}${url.search}`;
};
