/**
 * The two other endpoints a client of the Messages API calls: `GET /v1/models[/{id}]` (answered from
 * the spec's model table) and `POST /v1/messages/count_tokens`. Shapes: @anthropic-ai/sdk 1.14.0
 * src/resources/models.ts (ModelInfo, Page) and src/resources/messages/messages.ts
 * (MessageCountTokensParams, MessageTokensCount); https://docs.claude.com/en/api/models-list,
 * https://docs.claude.com/en/docs/build-with-claude/token-counting.
 */
import type { Contract } from '../contract/spec';
import { servedModels, type ModelSelection } from './models';

/** Fields count_tokens takes (beta ones with a beta header); any other is an extra input. */
export const COUNT_TOKENS_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'cache_control', 'output_config'];
export const COUNT_TOKENS_BETA_FIELDS = ['context_management', 'mcp_servers', 'output_format', 'speed'];

function displayName(id: string): string {
  const name = id.replace(/-(\d{8}|latest)$/, '').replace(/^claude-/, '');
  const words = name.split('-');
  const family = words.filter((w) => /^[a-z]/.test(w)).map((w) => w[0]!.toUpperCase() + w.slice(1));
  const version = words.filter((w) => /^\d/.test(w)).join('.');
  return ['Claude', ...(/^\d/.test(words[0] ?? '') ? [version, ...family] : [...family, version])].filter(Boolean).join(' ');
}

export function modelInfo(contract: Contract, id: string): Record<string, unknown> {
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

/**
 * The list newest first, as the API lists it: the table's order, except that models with a known
 * date (their created_at) are placed by it, in the places the table gives dated models (the table
 * groups models by family, and a family's dates interleave).
 */
function newestFirst(contract: Contract, ids: string[]): string[] {
  const at = (id: string) => String(modelInfo(contract, id).created_at);
  const dated = ids.filter((id) => !at(id).startsWith('1970'));
  const sorted = [...dated].sort((a, b) => at(b).localeCompare(at(a)));
  return ids.map((id) => (at(id).startsWith('1970') ? id : sorted.shift()!));
}

/** `GET /v1/models` (newest first, paged by after_id / before_id / limit) and `GET /v1/models/{id}` (an alias resolves). */
export function modelsAnswer(contract: Contract, selection: ModelSelection, path: string, query: URLSearchParams): { status: number; json: unknown } | { notFound: string } {
  const served = servedModels(contract, selection);
  const id = /^\/v1\/models\/(.+)$/.exec(path)?.[1];
  if (id !== undefined) {
    const model = decodeURIComponent(id);
    if (!served.has(model)) return { notFound: `model: ${model}` };
    return { status: 200, json: modelInfo(contract, contract.models[model]?.aliasOf ?? model) };
  }
  // Aliases are names for listed ids, not models of their own; the table lists newest first.
  const ids = newestFirst(contract, [...served].filter((m) => !contract.models[m]?.aliasOf));
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  let start = 0;
  let end = ids.length;
  const after = query.get('after_id');
  const before = query.get('before_id');
  if (after) start = ids.indexOf(after) + 1;
  if (before) end = Math.max(0, ids.indexOf(before));
  const page = before && !after ? ids.slice(Math.max(start, end - limit), end) : ids.slice(start, Math.min(end, start + limit));
  const data = page.map((m) => modelInfo(contract, m));
  const hasMore = before && !after ? end - limit > start : start + limit < end;
  return { status: 200, json: { data, first_id: page[0] ?? null, last_id: page.at(-1) ?? null, has_more: hasMore } };
}
