/**
 * Sends one case to the target and records the exchange. Every request has a deadline for its
 * response headers and, for streams, for each gap between chunks, plus a cap on the body, so a broken
 * server can never hang the run. 429, 529 and dropped connections are retried (retry.ts); each
 * request, retries included, is counted against the run's budget first.
 */
import type { RunConfig } from '../config';
import { BudgetExhausted, type Budget } from './budget';
import { outputTokenCost, type Exchange, type ReceivedResponse, type RequestCase, type SentRequest, type TransportError } from './exchange';
import { MESSAGES_PATH } from '../contract/spec';
import { RETRY_STATUSES, retryDelayMs } from './retry';
import { createSseDecoder, type SseEvent } from '../stream/sse';

/** Bodies above this are cut and reported: an endless body must not fill memory. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type Target = Pick<RunConfig, 'baseUrl' | 'apiKey' | 'customHeaders' | 'anthropicVersion' | 'timeoutMs' | 'retries'>;

/** The headers every request carries unless the case overrides them. */
export function defaultHeaders(target: Target, body: unknown): Record<string, string> {
  const stream = typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
  return {
    'content-type': 'application/json',
    // Mocks (Prism, Microcks) choose the SSE example by Accept; the real API ignores it.
    accept: stream ? 'text/event-stream' : 'application/json',
    'anthropic-version': target.anthropicVersion,
    'x-api-key': target.apiKey,
    ...target.customHeaders,
  };
}

export function buildRequest(target: Target, c: RequestCase): SentRequest {
  const headers = defaultHeaders(target, c.body);
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    if (value === null) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  return {
    method: 'POST',
    url: `${target.baseUrl}${MESSAGES_PATH}${c.query ? `?${c.query}` : ''}`,
    headers,
    body: typeof c.body === 'string' ? c.body : JSON.stringify(c.body),
  };
}

export interface SendOptions {
  /** The run's budget: every attempt is counted against it before it is sent. */
  budget: Budget;
}

export async function send(target: Target, c: RequestCase, { budget }: SendOptions): Promise<Exchange> {
  const request = buildRequest(target, c);
  const started = Date.now();
  const retried: ReceivedResponse[] = [];
  const tokens = outputTokenCost(c);
  for (let attempt = 0; ; attempt += 1) {
    try {
      budget.take(tokens);
    } catch (e) {
      if (!(e instanceof BudgetExhausted)) throw e;
      if (attempt === 0) throw e;
      // A retry the budget cannot pay for: the target stays unavailable.
      return finish({ kind: 'budget', message: e.message }, undefined, true);
    }
    const result = await attemptOnce(request, target.timeoutMs, started);
    const canRetry = attempt < target.retries;
    if (result.response && RETRY_STATUSES.has(result.response.status)) {
      if (!canRetry) return finish(undefined, result.response, true);
      retried.push(result.response);
      await sleep(retryDelayMs(result.response.headers, attempt));
      continue;
    }
    // A 200 stream that carries an `error` event is the API failing mid-request
    // (tests/fixtures/recorded/stream-error-01.json): retried like a 529, and unavailable when retries run out.
    if (result.response && !result.error && hasErrorEvent(result.response)) {
      if (!canRetry) return finish(undefined, result.response, true);
      retried.push(result.response);
      await sleep(retryDelayMs(result.response.headers, attempt));
      continue;
    }
    if (result.error && isDroppedConnection(result.error)) {
      if (!canRetry) return finish(result.error, result.response, true);
      await sleep(retryDelayMs({}, attempt));
      continue;
    }
    return finish(result.error, result.response, false);
  }

  function finish(transportError: TransportError | undefined, response: ReceivedResponse | undefined, unavailable: boolean): Exchange {
    return { case: c, request, response, transportError, retried, unavailable, durationMs: Date.now() - started };
  }
}

const hasErrorEvent = (res: ReceivedResponse): boolean =>
  res.events?.some((e) => e.event === 'error' || /^\s*\{\s*"type"\s*:\s*"error"/.test(e.data)) ?? false;

/** A connection the server closed (not one it refused: a closed port fails at once). */
const isDroppedConnection = (e: TransportError): boolean =>
  e.kind === 'reset' || (e.kind === 'connect' && /ECONNRESET|UND_ERR_SOCKET|EPIPE|other side closed/i.test(e.message));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface AttemptResult {
  response?: ReceivedResponse;
  error?: TransportError;
}

async function attemptOnce(req: SentRequest, timeoutMs: number, started: number): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut: TransportError | undefined;
  const arm = (kind: 'timeout' | 'idle', message: string) => {
    return setTimeout(() => {
      timedOut = { kind, message };
      controller.abort();
    }, timeoutMs);
  };
  let timer = arm('timeout', `no response headers within ${timeoutMs} ms (CONTRACT_TIMEOUT_MS)`);
  let res: Response;
  try {
    res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: controller.signal, redirect: 'manual' });
  } catch (e) {
    clearTimeout(timer);
    return { error: timedOut ?? { kind: 'connect', message: describeFetchError(e, req.url) } };
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const response: ReceivedResponse = { status: res.status, headers, text: '' };
  // A stream is a stream because the request asked for one: a 2xx answer to `stream: true` is
  // decoded as SSE whatever its Content-Type says (content_type_conformance reports the header).
  const isStream = /^text\/event-stream/i.test(headers['content-type'] ?? '') || (streamRequested(req) && res.status >= 200 && res.status < 300);
  const events: SseEvent[] = [];
  const sse = isStream ? createSseDecoder((e) => events.push({ ...e, atMs: Date.now() - started })) : undefined;
  const textDecoder = new TextDecoder();
  const utf8 = utf8Validator();
  let bytes = 0;
  let error: TransportError | undefined;
  clearTimeout(timer);
  timer = arm('idle', `the body stalled: no bytes for ${timeoutMs} ms (CONTRACT_TIMEOUT_MS)`);
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        clearTimeout(timer);
        response.firstByteMs ??= Date.now() - started;
        bytes += chunk.byteLength;
        if (bytes > MAX_BODY_BYTES) {
          error = { kind: 'too_large', message: `the body exceeded ${MAX_BODY_BYTES} bytes and was cut` };
          controller.abort();
          break;
        }
        response.text += textDecoder.decode(chunk, { stream: true });
        response.invalidUtf8 ??= utf8.push(chunk, bytes - chunk.byteLength);
        sse?.push(chunk);
        timer = arm('idle', `the body stalled: no bytes for ${timeoutMs} ms (CONTRACT_TIMEOUT_MS)`);
      }
    }
    response.text += textDecoder.decode();
    if (!error) response.invalidUtf8 ??= utf8.end(bytes);
  } catch (e) {
    error ??= timedOut ?? { kind: 'reset', message: `the connection broke while reading the body: ${describeFetchError(e, req.url)}` };
  } finally {
    clearTimeout(timer);
  }
  if (sse) {
    const trailing = sse.end();
    response.events = events;
    if (trailing) response.sseTrailing = trailing;
  }
  if (response.text && !(sse && response.status < 300 && !/json/i.test(headers['content-type'] ?? ''))) {
    try {
      response.json = JSON.parse(response.text);
    } catch {
      // Not JSON: the content-type and schema checks say so.
    }
  }
  return { response, error };
}

function streamRequested(req: SentRequest): boolean {
  try {
    return (JSON.parse(req.body) as { stream?: unknown } | null)?.stream === true;
  } catch {
    return false;
  }
}

/**
 * Finds the first byte sequence that is not UTF-8 (the wire must be valid UTF-8; a lenient decoder
 * would silently turn it into U+FFFD). Returns where it starts and the bytes around it.
 */
function utf8Validator() {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  let recent: Uint8Array = new Uint8Array(0);
  const found = (offset: number) => ({ offset, excerpt: [...recent.slice(-16)].map((b) => b.toString(16).padStart(2, '0')).join(' ') });
  return {
    push(chunk: Uint8Array, offset: number): ReceivedResponse['invalidUtf8'] {
      recent = chunk;
      try {
        fatal.decode(chunk, { stream: true });
        return undefined;
      } catch {
        return found(offset);
      }
    },
    end(offset: number): ReceivedResponse['invalidUtf8'] {
      try {
        fatal.decode();
        return undefined;
      } catch {
        return found(offset);
      }
    },
  };
}

/** One line that says why a request never got an answer ("cannot reach http://…: ECONNREFUSED"). */
export function describeFetchError(e: unknown, url: string): string {
  const err = e as { cause?: { code?: string; message?: string }; message?: string };
  const code = err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
  const meaning = CODE_MEANINGS[code];
  return `cannot reach ${url}: ${code}${meaning ? ` (${meaning})` : ''}`;
}

const CODE_MEANINGS: Record<string, string> = {
  ECONNREFUSED: 'nothing listens there',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  ECONNRESET: 'the server reset the connection',
  UND_ERR_SOCKET: 'the server closed the connection without an answer',
  'bad port': 'fetch refuses this port',
};
