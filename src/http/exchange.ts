/** What was sent and what came back: the record every check reads and every report prints. */
import type { SseEvent } from '../stream/sse';
import type { StreamTiming } from '../stream/timing';
import type { OperationId } from '../contract/operations';
import type { FeatureId } from '../features/ids';

export interface RequestCase {
  /** Stable, human name of the case, e.g. `boundary/max_tokens_1` or `negative/temperature_above_1`. */
  name: string;
  /** The operation the case calls: the client builds method and URL from it, checks choose by it. */
  operation: OperationId;
  /** Values for the path template's parameters (`{model_id}`). */
  pathParams?: Record<string, string>;
  /** A JSON value, or a raw string sent as is (malformed JSON); none for a GET. */
  body?: unknown;
  /** Header overrides; `null` removes a header the client would send. */
  headers?: Record<string, string | null>;
  /** The query string, without `?` (`?beta=true`, `limit=2&after_id=…`). */
  query?: string;
  /** How the case was made, for failure messages: `{mode, rule, path, description}`. */
  meta?: CaseMeta;
}

export interface CaseMeta {
  mode: 'example' | 'positive' | 'boundary' | 'negative' | 'auth' | 'semantic' | 'stream' | 'recorded' | 'conversation';
  rule?: string;
  path?: string;
  description?: string;
  /** What a conformant server answers (full profile): the status and, for errors, error.type. */
  expect?: { status: number; errorType?: string };
  /**
   * Why `expect` is not shown by the API's docs or by recorded real traffic: a server that answers
   * otherwise may still be conformant, so a mismatch is a warning marked "unverified", never a failure.
   */
  unverified?: string;
  /** The request makes any conformant answer stop at max_tokens (a long reply asked for with a tiny max_tokens). */
  expectCut?: boolean;
  /** Sent first and alone: a 404 to it means the target does not implement the operation (operation_implemented). */
  probe?: boolean;
  /** A stream case's JSON twin (case name) whose answer must have the same shape (stream_json_same_shape). */
  shapeTwin?: string;
  /**
   * A /v1/messages case's count_tokens twin (case name): the same body counted, whose count must be
   * close to the input usage this answer reports (count_tokens_matches_usage).
   */
  countTwin?: string;
  /** Recorded exchanges whose recorder stripped headers: header checks do not apply. */
  headersStripped?: boolean;
  /** The request used the beta surface (`anthropic-beta` or `?beta=true`). */
  beta?: boolean;
  /** A client we observe (through the validating proxy) wrote the request: its conformance is judged too. */
  client?: boolean;
  /** The features this case exercises: their verdicts come from the checks that ran on it. */
  features?: FeatureId[];
  /**
   * Set on a conversation step the target's earlier answers made not applicable (a model that
   * called no tool has no tool_result to receive): the step is not sent, and its features are
   * reported not applicable for this reason.
   */
  notApplicable?: string;
  /**
   * What a feature check compares this answer with: the cold request whose prefix this one reads
   * from the cache (prompt_cache_accounting); the same request without its image or document, and
   * the input tokens that content must add at least (content_counted); a code word only a model that
   * read the content can repeat (content_reaches_model, opt-in).
   */
  featureCheck?: { cacheOf?: string; without?: string; minExtraTokens?: number; codeWord?: string };
  /** A step of a multi-turn conversation (suite/conversation-cases.ts): the step and the conversation so far. */
  conversation?: ConversationStep;
  /** fast-check replay data, when the case was generated. */
  seed?: number;
  fcPath?: string;
}

export interface ConversationStep {
  /** The sequence: `tool_loop`, `parallel_tools`, `thinking_round_trip`, `prefill`, `invalid`. */
  sequence: string;
  /** Sent as JSON or as a stream (every step of a sequence alike). */
  form: 'json' | 'stream';
  /** The step within its sequence (`call`, `result_string`, `altered_signature`, …); meta.description says it in words. */
  step: string;
  /** 1-based position of the step in its sequence. */
  index: number;
  /** The conversation this request carries, one line per block, oldest first (what a report shows). */
  transcript: string[];
  /** The case whose request is this one without its images: it must cost fewer input tokens. */
  withoutImage?: string;
}

export interface SentRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** The body as sent; empty for a GET. */
  body: string;
}

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text (capped). */
  text: string;
  /** The parsed JSON body, when the body parsed. */
  json?: unknown;
  /** SSE events, when the response was a stream. */
  events?: SseEvent[];
  /** Text after the last complete SSE frame (a stream cut inside a frame). */
  sseTrailing?: string;
  /**
   * Set when the body is not valid UTF-8: the byte offset of the chunk where decoding first failed
   * and the last bytes read there (hex). The text fields hold U+FFFD in its place.
   */
  invalidUtf8?: { offset: number; excerpt: string };
  /** Milliseconds from sending this attempt to its response headers, and to the first byte of the body. */
  headersMs?: number;
  firstByteMs?: number;
  /** A stream read live: when its headers, first content delta and last event came (stream/timing.ts). */
  timing?: StreamTiming;
}

/** invalid_http: the server answered, but not in HTTP (its parser refused the answer): non-conformance, never unavailability. */
export type TransportErrorKind =
  'connect' | 'timeout' | 'idle' | 'deadline' | 'run_limit' | 'reset' | 'too_large' | 'budget' | 'invalid_http';

export interface TransportError {
  kind: TransportErrorKind;
  message: string;
}

export interface Exchange {
  case: RequestCase;
  request: SentRequest;
  /** The final response (after retries). */
  response?: ReceivedResponse;
  /** Set when no complete response arrived: the target could not be reached or broke the transport. */
  transportError?: TransportError;
  /** Earlier attempts that were retried (429, 529, dropped connections): still checked. */
  retried: ReceivedResponse[];
  /** The suite did not send it (the run's end, or a breaker after a hung or down target). */
  notSent?: boolean;
  /** Retries ran out on 429/529/dropped connections: the target was unavailable, not non-conformant. */
  unavailable: boolean;
  durationMs: number;
}

/** The JSON request body, when the case sent JSON. */
export function requestBody(ex: Exchange): Record<string, unknown> | undefined {
  const b = ex.case.body;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Record<string, unknown>) : undefined;
}

/** The case asks for a stream (`stream: true` in its JSON body): the one place this is decided. */
export function isStreamCase(c: Pick<RequestCase, 'body'>): boolean {
  const b = c.body;
  if (typeof b === 'object' && b !== null) return (b as { stream?: unknown }).stream === true;
  if (typeof b !== 'string') return false;
  try {
    return (JSON.parse(b) as { stream?: unknown } | null)?.stream === true;
  } catch {
    return false;
  }
}

export function isStreamRequest(ex: Exchange): boolean {
  return isStreamCase(ex.case);
}

/**
 * The output tokens a case may cost: its max_tokens, or 0 for a case every conformant server
 * rejects (an invalid max_tokens of 300001 generates nothing; counting it would spend the budget).
 */
export function outputTokenCost(c: RequestCase): number {
  if ((c.meta?.expect?.status ?? 200) >= 400) return 0;
  const n = (c.body as { max_tokens?: unknown } | null)?.max_tokens;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}
