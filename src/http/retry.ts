/**
 * When and how long to wait before retrying. 429 and 529 are the API's "try later" answers, and a
 * dropped connection is retried too; the server's `retry-after-ms`, then `retry-after` (seconds or
 * an HTTP date) decide the delay, else an exponential backoff from 0.5 s to 8 s with up to 25 %
 * jitter, as the official SDKs wait (`calculateDefaultRetryTimeoutMillis` in
 * https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/client.ts). Jitter only
 * moves when a retry is sent, never what is sent.
 */
export const RETRY_STATUSES = new Set([429, 529]);

/**
 * In-stream `error` events that mean "try later", as 429 / 529 / 500 do before a stream starts
 * (tests/fixtures/recorded/stream-error-01.json is an `overloaded_error`). Any other error event is
 * the target's answer, judged like one.
 */
export const TRANSIENT_ERROR_TYPES = new Set(['overloaded_error', 'api_error', 'rate_limit_error']);

/** The error type of an in-stream `error` event's data, when it parses. */
export function errorEventType(data: string): string | undefined {
  try {
    const type = (JSON.parse(data) as { error?: { type?: unknown } } | null)?.error?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}
const MAX_RETRY_DELAY_MS = 60_000;

export function retryDelayMs(headers: Record<string, string>, attempt: number, now = Date.now()): number {
  const ms = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0)
    return Math.min(ms, MAX_RETRY_DELAY_MS);
  const after = headers['retry-after'];
  if (after !== undefined) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_DELAY_MS);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.min(Math.max(0, date - now), MAX_RETRY_DELAY_MS);
  }
  return Math.min(500 * 2 ** attempt, 8000) * (1 - Math.random() * 0.25);
}
