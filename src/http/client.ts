/**
 * Sends one case to the target and records the exchange. Every attempt ends by its whole-request
 * deadline (deadline.ts), a stream also by a quiet limit on its headers and on each gap between
 * chunks, and every body is capped, so a broken server can never hang the run. 429, 529, overload
 * `error` events inside a 200 stream and dropped connections are retried (retry.ts); each attempt
 * is counted against the run's budget first.
 */
import type { RunConfig } from '../config';
import { BudgetExhausted, type Budget } from './budget';
import {
  isStreamCase,
  outputTokenCost,
  type Exchange,
  type ReceivedResponse,
  type RequestCase,
  type SentRequest,
  type TransportError,
} from './exchange';
import type { Operation } from '../contract/spec';
import { errorEventType, RETRY_STATUSES, retryDelayMs, TRANSIENT_ERROR_TYPES } from './retry';
import { requestClock, type Limits, type RequestClock } from './deadline';
import { createSseDecoder, type SseEvent } from '../stream/sse';
import { streamTiming } from '../stream/timing';
import { stalledMs, watchStalls } from './stalls';
import { invalidUtf8At } from './utf8';
import { invalidHttp } from './invalid-http';

/** Bodies above this are cut and reported: an endless body must not fill memory. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type Target = Pick<RunConfig, 'baseUrl' | 'apiKey' | 'customHeaders' | 'anthropicVersion' | 'retries'> & Limits;

/** Where and how a case is sent: its operation's method and path template. */
export type Route = Pick<Operation, 'method' | 'path'>;

/** The headers every request carries unless the case overrides them. */
export function defaultHeaders(target: Target, c: Pick<RequestCase, 'body'>, route: Route): Record<string, string> {
  return {
    // A GET carries no body, so no content-type.
    ...(route.method === 'POST' ? { 'content-type': 'application/json' } : {}),
    // Mocks (Prism, Microcks) choose the SSE example by Accept; the real API ignores it.
    accept: isStreamCase(c) ? 'text/event-stream' : 'application/json',
    'anthropic-version': target.anthropicVersion,
    'x-api-key': target.apiKey,
    ...target.customHeaders,
  };
}

/** The operation's path with the case's path parameters filled in (encoded) and its query. */
function requestPath(route: Route, c: Pick<RequestCase, 'pathParams' | 'query'>): string {
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(c.pathParams?.[name] ?? ''));
  return `${path}${c.query ? `?${c.query}` : ''}`;
}

export function buildRequest(target: Target, c: RequestCase, route: Route): SentRequest {
  const headers = defaultHeaders(target, c, route);
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    if (value === null) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  return {
    method: route.method,
    url: `${target.baseUrl}${requestPath(route, c)}`,
    headers,
    body: c.body === undefined ? '' : typeof c.body === 'string' ? c.body : JSON.stringify(c.body),
  };
}

export interface SendOptions {
  /** The run's budget: every attempt is counted against it before it is sent. */
  budget: Budget;
  /** The case's operation (method and path). */
  route: Route;
}

export async function send(target: Target, c: RequestCase, { budget, route }: SendOptions): Promise<Exchange> {
  const request = buildRequest(target, c, route);
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
    // Each attempt's times count from its own sending (a retry's wait is not the answer's time).
    const result = await attemptOnce(request, requestClock(target, c), Date.now(), isStreamCase(c));
    // Waits that would end after the run's deadline are not waited: the run is over then.
    const retryAfter = (headers: Record<string, string>) => {
      const delay = retryDelayMs(headers, attempt);
      return attempt < target.retries && Date.now() + delay < target.runDeadline ? delay : undefined;
    };
    // 429 / 529, and a 200 stream that carries an overload `error` event (the API failing
    // mid-request, tests/fixtures/recorded/stream-error-01.json): retried, and unavailable when
    // retries run out.
    if (
      result.response &&
      (RETRY_STATUSES.has(result.response.status) || (!result.error && hasTransientErrorEvent(result.response)))
    ) {
      const delay = retryAfter(result.response.headers);
      if (delay === undefined) return finish(undefined, result.response, true);
      retried.push(result.response);
      await sleep(delay);
      continue;
    }
    if (result.error && isDroppedConnection(result.error)) {
      const delay = retryAfter({});
      // Dropped before any answer: the target is unavailable. Dropped inside an answer that had
      // begun, every time: the target breaks its bodies, which is judged (transport_complete).
      if (delay === undefined) return finish(result.error, result.response, result.response === undefined);
      await sleep(delay);
      continue;
    }
    return finish(result.error, result.response, false);
  }

  function finish(
    transportError: TransportError | undefined,
    response: ReceivedResponse | undefined,
    unavailable: boolean,
  ): Exchange {
    return { case: c, request, response, transportError, retried, unavailable, durationMs: Date.now() - started };
  }
}

const hasTransientErrorEvent = (res: ReceivedResponse): boolean =>
  res.events?.some(
    (e) =>
      (e.event === 'error' || /^\s*\{\s*"type"\s*:\s*"error"/.test(e.data)) &&
      TRANSIENT_ERROR_TYPES.has(errorEventType(e.data) ?? 'overloaded_error'),
  ) ?? false;

/** A connection the server closed (not one it refused: a closed port fails at once). */
const isDroppedConnection = (e: TransportError): boolean =>
  e.kind === 'reset' || (e.kind === 'connect' && /ECONNRESET|UND_ERR_SOCKET|EPIPE|other side closed/i.test(e.message));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface AttemptResult {
  response?: ReceivedResponse;
  error?: TransportError;
}

/**
 * One attempt, under three clocks: the quiet limit (stream headers, gaps inside a body), the
 * whole-request deadline (which also bounds a JSON answer's headers: they come only when the answer
 * is ready), and the run's deadline. Whatever the server does, the attempt ends by the deadline.
 */
async function attemptOnce(
  req: SentRequest,
  clock: RequestClock,
  started: number,
  stream: boolean,
): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut: TransportError | undefined;
  const stop = (error: TransportError) => {
    timedOut ??= error;
    controller.abort();
  };
  const { quietMs } = clock;
  const arm = (kind: 'timeout' | 'idle', message: string, ms = quietMs) =>
    setTimeout(() => stop({ kind, message }), ms);
  const deadlineTimer = setTimeout(
    () =>
      stop(
        clock.byRun
          ? { kind: 'run_limit', message: 'the run reached CONTRACT_RUN_TIMEOUT_MS before this request was answered' }
          : {
              kind: 'deadline',
              message: `the whole request took longer than ${clock.wholeMs} ms (CONTRACT_TIMEOUT_MS plus max_tokens at CONTRACT_MIN_TOKENS_PER_SECOND)`,
            },
      ),
    Math.max(0, clock.deadline - Date.now()),
  );
  // A stream's headers come at once; a JSON answer's only when the whole answer is ready.
  let timer = stream ? arm('timeout', `no response headers within ${quietMs} ms (CONTRACT_TIMEOUT_MS)`) : undefined;
  const unwatch = stream ? watchStalls() : undefined;
  try {
    return await receive();
  } finally {
    unwatch?.();
    clearTimeout(timer);
    clearTimeout(deadlineTimer);
  }

  async function receive(): Promise<AttemptResult> {
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.method === 'GET' ? undefined : req.body,
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch (e) {
      return {
        error: timedOut ??
          invalidHttp(e, req.url, 'status line and headers') ?? {
            kind: 'connect',
            message: describeFetchError(e, req.url),
          },
      };
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response: ReceivedResponse = { status: res.status, headers, text: '', headersMs: Date.now() - started };
    // A stream is a stream because the request asked for one: a 2xx answer to `stream: true` is
    // decoded as SSE whatever its Content-Type says (content_type_conformance reports the header).
    const isStream =
      /^text\/event-stream/i.test(headers['content-type'] ?? '') || (stream && res.status >= 200 && res.status < 300);
    const events: SseEvent[] = [];
    const sse = isStream ? createSseDecoder((e) => events.push({ ...e, atMs: Date.now() - started })) : undefined;
    // The body is kept as bytes and decoded once at the end: decoding and concatenating per chunk
    // made a hostile 10 MB body cost many times that in short-lived strings.
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    let error: TransportError | undefined;
    clearTimeout(timer);
    timer = arm('idle', `the body stalled: no bytes for ${quietMs} ms (CONTRACT_TIMEOUT_MS)`);
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
          chunks.push(chunk);
          sse?.push(chunk);
          timer = arm('idle', `the body stalled: no bytes for ${quietMs} ms (CONTRACT_TIMEOUT_MS)`);
        }
      }
    } catch (e) {
      error ??= timedOut ??
        invalidHttp(e, req.url, 'body') ?? {
          kind: 'reset',
          message: `the connection broke while reading the body: ${describeFetchError(e, req.url)}`,
        };
    }
    const body = Buffer.concat(chunks);
    chunks.length = 0;
    response.text = body.toString('utf8');
    // A body cut short may end inside a character: only a complete body must be whole UTF-8.
    if (!error) response.invalidUtf8 = invalidUtf8At(body);
    if (sse) {
      const trailing = sse.end();
      response.events = events;
      response.timing = streamTiming(events, response.headersMs, (at) => stalledMs(started, started + at));
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
