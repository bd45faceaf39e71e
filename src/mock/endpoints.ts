/**
 * The two other endpoints a client of the Messages API calls: `GET /v1/models[/{id}]` (answered from
 * the spec's model table) and `POST /v1/messages/count_tokens`. Shapes: @anthropic-ai/sdk 1.14.0
 * src/resources/models.ts (ModelInfo, Page) and src/resources/messages/messages.ts
 * (MessageCountTokensParams, MessageTokensCount); https://docs.claude.com/en/api/models-list,
 * https://docs.claude.com/en/docs/build-with-claude/token-counting.
 */
import type { Contract } from '../contract/spec';
import { servedModels, type ModelSelection } from './models';

type Schema = Record<string, unknown>;
const schemaOf = (contract: Contract, name: string): Schema =>
  (contract.deref.components!.schemas as Record<string, Schema>)[name]!;

/**
 * The members a count_tokens body may have, from the spec (CountMessageTokensParams): the ones
 * marked `x-anthropic-beta` only on a beta request. Any other member is an extra input.
 */
export function countTokensFields(contract: Contract, beta: boolean): string[] {
  const props = schemaOf(contract, 'CountMessageTokensParams').properties as Record<string, Schema>;
  return Object.entries(props)
    .filter(([, p]) => beta || p['x-anthropic-beta'] !== true)
    .map(([name]) => name);
}

function displayName(id: string): string {
  const name = id.replace(/-(\d{8}|latest)$/, '').replace(/^claude-/, '');
  const words = name.split('-');
  const family = words.filter((w) => /^[a-z]/.test(w)).map((w) => w[0]!.toUpperCase() + w.slice(1));
  const version = words.filter((w) => /^\d/.test(w)).join('.');
  return ['Claude', ...(/^\d/.test(words[0] ?? '') ? [version, ...family] : [...family, version])]
    .filter(Boolean)
    .join(' ');
}

function modelInfo(contract: Contract, id: string): Record<string, unknown> {
  const entry = contract.models[id] ?? {};
  const date = /-(\d{4})(\d\d)(\d\d)$/.exec(id);
  return {
    type: 'model',
    id,
    display_name: displayName(id),
    // The epoch where a model has no known date (the SDK documents created_at as possibly the epoch when unknown).
    created_at: date ? `${date[1]}-${date[2]}-${date[3]}T00:00:00Z` : '1970-01-01T00:00:00Z',
    max_input_tokens: null,
    max_tokens: entry.maxOutputTokens ?? null,
    capabilities: null,
  };
}

/** A query parameter's schema as `GET /v1/models` declares it in the spec. */
function listParameter(contract: Contract, name: string): Schema {
  const params = (contract.deref.paths['/v1/models']!.get!.parameters ?? []) as Array<{
    name: string;
    in: string;
    schema?: Schema;
  }>;
  return params.find((p) => p.in === 'query' && p.name === name)?.schema ?? {};
}

/** `limit` as the spec bounds it (an integer in minimum..maximum, default when absent), or pydantic's reason for refusing it. */
function readLimit(contract: Contract, raw: string | null): number | { refused: string } {
  const schema = listParameter(contract, 'limit');
  if (raw === null) return Number(schema.default ?? 20);
  if (!/^[+-]?\d+$/.test(raw.trim()))
    return { refused: 'limit: Input should be a valid integer, unable to parse string as an integer' };
  const limit = Number(raw);
  if (typeof schema.minimum === 'number' && limit < schema.minimum)
    return { refused: `limit: Input should be greater than or equal to ${schema.minimum}` };
  if (typeof schema.maximum === 'number' && limit > schema.maximum)
    return { refused: `limit: Input should be less than or equal to ${schema.maximum}` };
  return limit;
}

/**
 * The lifecycle stages asked for (`lifecycle[]`, repeated), as the spec bounds them, or pydantic's
 * reason for refusing them. Without it: active and deprecated (@anthropic-ai/sdk 1.14.0
 * src/resources/models.ts, ModelListParams.lifecycle).
 */
function readLifecycle(contract: Contract, query: URLSearchParams): string[] | { refused: string } {
  const schema = listParameter(contract, 'lifecycle[]');
  const values = query.getAll('lifecycle[]');
  if (!values.length) return ['active', 'deprecated'];
  const known = ((schema.items as Schema | undefined)?.enum ?? []) as string[];
  const bad = values.findIndex((v) => !known.includes(v));
  if (bad >= 0)
    return {
      refused: `lifecycle.${bad}: Input should be ${known
        .slice(0, -1)
        .map((k) => `'${k}'`)
        .join(', ')} or '${known.at(-1)}'`,
    };
  if (typeof schema.maxItems === 'number' && values.length > schema.maxItems)
    return {
      refused: `lifecycle: List should have at most ${schema.maxItems} items after validation, not ${values.length}`,
    };
  return values;
}

export type ModelsAnswer = { status: 200; json: unknown } | { notFound: string } | { refused: string };

/**
 * `GET /v1/models` (newest first, paged by after_id / before_id / limit) and `GET /v1/models/{id}`
 * (an alias resolves). A cursor that names no listed model answers an empty page (`has_more`
 * false): no source says what the API does with one, and an empty page ends a client's paging
 * loop where restarting from the first page would walk the list forever.
 */
export function modelsAnswer(
  contract: Contract,
  selection: ModelSelection,
  path: string,
  query: URLSearchParams,
): ModelsAnswer {
  const served = servedModels(contract, selection);
  const id = /^\/v1\/models\/(.+)$/.exec(path)?.[1];
  if (id !== undefined) {
    const model = decodeURIComponent(id);
    if (!served.has(model)) return { notFound: `model: ${model}` };
    return { status: 200, json: modelInfo(contract, contract.models[model]?.aliasOf ?? model) };
  }
  const limit = readLimit(contract, query.get('limit'));
  if (typeof limit !== 'number') return limit;
  const lifecycle = readLifecycle(contract, query);
  if (!Array.isArray(lifecycle)) return lifecycle;
  // Every model the mock serves is active: a list of other stages alone is empty.
  if (!lifecycle.includes('active'))
    return { status: 200, json: { data: [], first_id: null, last_id: null, has_more: false } };
  // Aliases are names for listed ids, not models of their own. The table lists newest first, so
  // served models go in its order whatever order --models named them in (others, undated, after it).
  const table = Object.keys(contract.models);
  const rank = (m: string) => (table.includes(m) ? table.indexOf(m) : table.length);
  const ids = [...served].filter((m) => !contract.models[m]?.aliasOf).sort((a, b) => rank(a) - rank(b));
  const after = query.get('after_id');
  const before = query.get('before_id');
  const empty = { status: 200 as const, json: { data: [], first_id: null, last_id: null, has_more: false } };
  if ((after && !ids.includes(after)) || (before && !ids.includes(before))) return empty;
  const start = after ? ids.indexOf(after) + 1 : 0;
  const end = before ? ids.indexOf(before) : ids.length;
  if (end <= start) return empty;
  // Paging backwards (before_id alone) takes the page that ends just before the cursor.
  const backwards = Boolean(before) && !after;
  const from = backwards ? Math.max(start, end - limit) : start;
  const to = backwards ? end : Math.min(end, start + limit);
  const page = ids.slice(from, to);
  const hasMore = backwards ? from > start : to < end;
  return {
    status: 200,
    json: {
      data: page.map((m) => modelInfo(contract, m)),
      first_id: page[0] ?? null,
      last_id: page.at(-1) ?? null,
      has_more: hasMore,
    },
  };
}
