/**
 * Realistic pacing and faults on demand, for testing a client's resilience: answers that take a
 * model's time (first token after `firstTokenMs`, then `tokensPerSecond`), and, at given rates, the
 * failures the real API shows — 529 `overloaded_error`, 429 `rate_limit_error` with `retry-after`,
 * an in-stream `error` event after some deltas (a 200 stream that fails, as recorded in
 * tests/fixtures/recorded/stream-error-01.json), a connection dropped mid-stream. Faults hit valid
 * requests only (an invalid one gets its 4xx), drawn from a seeded generator so a CI run repeats.
 */
import type http from 'node:http';
import type { MockResult } from './handle';
import { errorResult } from './handle';
import { frame, type MockEvent } from './stream';
import { newId } from './reply';

export interface ChaosOptions {
  /** Output tokens per second of a paced answer (0 or unset: as fast as possible). */
  tokensPerSecond?: number;
  /** Milliseconds before the first token (a stream's first delta; a JSON answer's whole wait adds it). */
  firstTokenMs?: number;
  /** Share of valid requests answered 529 overloaded_error. */
  overloadedRate?: number;
  /** Share of valid requests answered 429 rate_limit_error. */
  rateLimitedRate?: number;
  /** Share of streams that end with an `error` event (overloaded_error) after some deltas. */
  streamErrorRate?: number;
  /** Share of streams whose connection is dropped after some deltas (a JSON answer: before it). */
  dropRate?: number;
  /** `retry-after` seconds on an injected 429 / 529. @defaultValue 1 */
  retryAfterSeconds?: number;
  /** Seed of the fault draws. @defaultValue 42 */
  seed?: number;
}

export type Fault = 'overloaded' | 'rate_limited' | 'stream_error' | 'drop' | undefined;

/** mulberry32: a small seeded generator, so that a seed gives the same faults in the same order. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws the fault of one valid request (one draw per request, whatever the rates). */
export function drawFault(o: ChaosOptions, random: () => number, stream: boolean): Fault {
  const r = random();
  let edge = 0;
  const table: Array<[Fault, number | undefined, boolean]> = [
    ['overloaded', o.overloadedRate, true],
    ['rate_limited', o.rateLimitedRate, true],
    ['stream_error', o.streamErrorRate, stream],
    ['drop', o.dropRate, true],
  ];
  for (const [fault, rate, applies] of table) {
    if (!applies || !rate) continue;
    edge += rate;
    if (r < edge) return fault;
  }
  return undefined;
}

/** The 529 / 429 an injected fault answers with, in the API's words (recorded 529 and 429 bodies). */
export function faultResult(fault: 'overloaded' | 'rate_limited', o: ChaosOptions): MockResult {
  const r =
    fault === 'overloaded'
      ? errorResult(529, 'Overloaded', 'overloaded_error')
      : errorResult(
          429,
          "This request would exceed your organization's rate limit (injected by the mock). For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage.",
          'rate_limit_error',
        );
  r.headers['retry-after'] = String(o.retryAfterSeconds ?? 1);
  return r;
}

const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve();

/** Output tokens a delta carries, as the mock counts them (a word is a token; a JSON piece is one). */
function deltaTokens(e: MockEvent): number {
  const d = e.data.delta as Record<string, unknown> | undefined;
  const text = typeof d?.text === 'string' ? d.text : typeof d?.thinking === 'string' ? d.thinking : '';
  return Math.max(1, text.split(/\s+/).filter(Boolean).length);
}

/**
 * Writes a stream event by event with the model's pacing, and the stream faults: after half the
 * deltas (at least one), an `error` event ends it, or the connection is dropped. Returns how many
 * of the answer's events were written (the client grader reads what a cut stream held).
 */
export async function writeStream(
  res: http.ServerResponse,
  result: MockResult,
  o: ChaosOptions,
  fault: Fault,
): Promise<number> {
  const events = result.events!;
  res.writeHead(result.status, {
    ...result.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  const deltas = events.filter((e) => e.event === 'content_block_delta').length;
  const cutAfter = Math.max(1, Math.floor(deltas / 2));
  const tps = o.tokensPerSecond ?? 0;
  let sent = 0;
  let written = 0;
  for (const e of events) {
    if (res.destroyed) return written;
    if (e.event === 'content_block_delta') {
      if (sent === 0) await sleep(o.firstTokenMs ?? 0);
      if (tps > 0) await sleep((deltaTokens(e) / tps) * 1000);
      if (res.destroyed) return written;
    }
    res.write(frame(e));
    written += 1;
    if (e.event === 'content_block_delta' && ++sent === cutAfter && (fault === 'stream_error' || fault === 'drop')) {
      if (fault === 'drop') {
        res.socket?.destroy();
        return written;
      }
      const error = {
        type: 'error',
        error: { details: null, type: 'overloaded_error', message: 'Overloaded' },
        request_id: newId('req'),
      };
      res.end(frame({ event: 'error', data: error }));
      return written;
    }
  }
  res.end();
  return written;
}

/** The wait of a JSON answer: first token, then its output tokens at the model's rate. */
export function jsonDelayMs(result: MockResult, o: ChaosOptions): number {
  const usage = (result.json as { usage?: { output_tokens?: number } } | undefined)?.usage;
  if (result.status !== 200 || !usage) return 0;
  const out = usage.output_tokens ?? 0;
  return (o.firstTokenMs ?? 0) + ((o.tokensPerSecond ?? 0) > 0 ? (out / o.tokensPerSecond!) * 1000 : 0);
}

export { sleep };
