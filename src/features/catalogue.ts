/**
 * What the suite knows about each feature: a title for reports, whether a server may decline it
 * (a gateway in front of another model may honestly not offer images or thinking, and a clean 4xx
 * saying so is conformant), the words a refusal must use to name it, and which checks speak for it
 * alone. One place: the verdicts (verdicts.ts) and positive_data_acceptance read it.
 */
import type { Exchange } from '../http/exchange';
import type { FeatureId } from './ids';

export interface FeatureInfo {
  title: string;
  /**
   * A server may refuse it cleanly. Core features (text, system, streaming, stop sequences,
   * max_tokens, the current API version) are what every client sends: refusing them is broken.
   */
  optional: boolean;
  /** A refusal names the feature when its error message matches (otherwise clients cannot tell what was refused). */
  named?: RegExp;
}

export const FEATURES: Record<FeatureId, FeatureInfo> = {
  text: { title: 'Text messages', optional: false },
  system: { title: 'System prompt (string and blocks)', optional: false },
  streaming: { title: 'Streaming (server-sent events)', optional: false },
  stream_accept_json: {
    title: 'Streams asked for with Accept: application/json (as the SDKs send them)',
    optional: false,
  },
  tools: { title: 'Tools (tool_choice auto / any / tool / none)', optional: true, named: /tool/i },
  tool_streaming: { title: 'Tool calls streamed (input_json_delta)', optional: true, named: /tool|stream/i },
  parallel_tools: { title: 'Parallel tool calls', optional: true, named: /tool|parallel/i },
  tool_round_trip: { title: 'Tool round trip (tool_use sent back, tool_result)', optional: true, named: /tool/i },
  images: { title: 'Images', optional: true, named: /image|vision|multi-?modal|media/i },
  documents: { title: 'Documents (PDF and plain text)', optional: true, named: /document|pdf|file|media/i },
  citations: { title: 'Citations', optional: true, named: /citation/i },
  thinking: { title: 'Extended thinking', optional: true, named: /thinking|reasoning/i },
  thinking_round_trip: {
    title: 'Thinking blocks sent back (signatures)',
    optional: true,
    named: /thinking|signature|reasoning/i,
  },
  prefill: { title: "Prefill (the last message is the assistant's)", optional: true, named: /prefill|assistant/i },
  prompt_caching: { title: 'Prompt caching (cache_control)', optional: true, named: /cach/i },
  stop_sequences: { title: 'Stop sequences', optional: false },
  max_tokens: { title: 'max_tokens honoured', optional: false },
  version_2026_bearer: { title: 'anthropic-version 2026-10-21 with the key as Authorization: Bearer', optional: false },
  count_tokens: { title: 'Token counting (POST /v1/messages/count_tokens)', optional: true },
  models: { title: 'Models (GET /v1/models)', optional: true },
  beta_passthrough: {
    title: 'Beta members with their anthropic-beta header',
    optional: true,
    named: /beta|context[ _-]?management/i,
  },
};

/**
 * Checks that judge one feature's own behaviour: their failure breaks that feature, not the others
 * a request also exercises (a broken stream grammar is a streaming fault, not a tools fault). Any
 * other check's failure breaks every feature of the request it was found on.
 */
export const CHECK_FEATURES: Record<string, FeatureId[]> = {
  sse_framing: ['streaming', 'stream_accept_json', 'tool_streaming'],
  stream_event_schema: ['streaming', 'stream_accept_json', 'tool_streaming'],
  stream_grammar: ['streaming', 'stream_accept_json', 'tool_streaming'],
  stream_message_valid: ['streaming', 'stream_accept_json', 'tool_streaming'],
  stream_json_same_shape: ['streaming'],
  max_tokens_honoured: ['max_tokens'],
  stop_sequence_honoured: ['stop_sequences'],
  tool_choice_honoured: ['tools', 'tool_streaming', 'parallel_tools'],
  thinking_honoured: ['thinking', 'thinking_round_trip'],
  prompt_cache_accounting: ['prompt_caching'],
  citations_valid: ['citations'],
  content_counted: ['images', 'documents'],
};

/**
 * Pydantic's words for a member the schema does not have. Said of a documented member (cache_control
 * forwarded to an upstream that rejects it, a beta member whose `anthropic-beta` header a gateway
 * stripped) it is a request the server misread, which is broken, never a refusal of a feature.
 */
const EXTRA_INPUTS = /Extra inputs are not permitted/i;

export interface Refusal {
  /** The case's optional features the error names. */
  features: FeatureId[];
  status: number;
  message: string;
}

/**
 * A clean refusal of an optional feature: a request every conformant server accepts, answered with a
 * 4xx in the error envelope (not a key, rate or size problem) whose message names at least one of
 * the optional features the request exercises. Undefined otherwise.
 */
export function featureRefusal(ex: Exchange): Refusal | undefined {
  const res = ex.response;
  const features = [...new Set([...(ex.case.meta?.features ?? []), ...usedFeatures(ex)])];
  if (!res || !features.length || (ex.case.meta?.expect?.status ?? 200) !== 200) return undefined;
  if (res.status < 400 || res.status >= 500 || [401, 408, 413, 429].includes(res.status)) return undefined;
  const json = res.json as { type?: unknown; error?: { type?: unknown; message?: unknown } } | undefined;
  if (json?.type !== 'error' || typeof json.error?.type !== 'string' || typeof json.error.message !== 'string')
    return undefined;
  const message = json.error.message;
  if (EXTRA_INPUTS.test(message)) return undefined;
  const named = features.filter((f) => FEATURES[f].optional && FEATURES[f].named?.test(message));
  return named.length ? { features: named, status: res.status, message } : undefined;
}

/**
 * The optional features a request body uses, whatever its case names (a generated body may carry an
 * image): a clean refusal of one of them is a refusal, not a failure, wherever it happens.
 */
function usedFeatures(ex: Exchange): FeatureId[] {
  const body = ex.case.body;
  if (typeof body !== 'object' || body === null) return [];
  const b = body as Record<string, unknown>;
  const types = new Set<string>();
  let cached = false;
  let cites = false;
  const walk = (v: unknown, depth: number): void => {
    if (depth > 12 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (typeof o.type === 'string') types.add(o.type);
    if (o.cache_control != null) cached = true;
    if ((o.citations as { enabled?: unknown } | null | undefined)?.enabled === true) cites = true;
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  walk(b.messages, 0);
  walk(b.system, 0);
  const used: FeatureId[] = [];
  if (types.has('image')) used.push('images');
  if (types.has('document')) used.push('documents');
  if (cites) used.push('citations');
  if (cached || b.cache_control != null) used.push('prompt_caching');
  if (Array.isArray(b.tools) && b.tools.length) used.push('tools');
  if (b.thinking && typeof b.thinking === 'object' && (b.thinking as { type?: unknown }).type !== 'disabled')
    used.push('thinking');
  if (ex.request.headers['anthropic-beta']) used.push('beta_passthrough');
  return used;
}
