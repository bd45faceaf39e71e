/**
 * How a stream arrived in time: from the per-event arrival times the client records as it reads
 * (SseEvent.atMs, milliseconds since the attempt was sent). Computed once when the stream ends, so
 * it survives the trimming of a huge answer's events, and costs one pass over them.
 */
import type { SseEvent } from './sse';

export interface StreamTiming {
  /** Milliseconds from sending the request to its response headers. */
  headersMs: number;
  /** To the first `content_block_delta` (time to first token); undefined when none came. */
  firstContentMs?: number;
  /** To the last event: the whole answer. */
  totalMs: number;
  /** The longest wait between two consecutive events (the first measured from the headers). */
  maxGapMs: number;
  /** How many `content_block_delta` events came, and from the first to the last of them (ms). */
  contentDeltas: number;
  contentSpanMs: number;
  /** The output tokens the stream reports (the last `usage.output_tokens`), when it reports them. */
  outputTokens?: number;
  /** Output tokens per second after the first token: outputTokens over (totalMs − firstContentMs); undefined when not measurable. */
  tokensPerSecond?: number;
  /** Of the wait for the first content delta, the milliseconds the suite's own process was stalled (http/stalls.ts). */
  stalledMs: number;
}

/** The event's type: its `event:` name, else its data's `type` (a frame without an event line). */
function typeOf(e: SseEvent): string | undefined {
  if (e.event !== undefined) return e.event;
  try {
    const t = (JSON.parse(e.data) as { type?: unknown } | null)?.type;
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

/** The `usage.output_tokens` an event's data carries, read only from the events that carry usage. */
function outputTokensOf(e: SseEvent): number | undefined {
  try {
    const d = JSON.parse(e.data) as {
      usage?: { output_tokens?: unknown };
      message?: { usage?: { output_tokens?: unknown } };
    };
    const n = d?.usage?.output_tokens ?? d?.message?.usage?.output_tokens;
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** The timing of a stream whose events carry arrival times; undefined for one read all at once (recorded traffic). */
export function streamTiming(
  events: readonly SseEvent[],
  headersMs: number | undefined,
  stalledBefore: (atMs: number) => number = () => 0,
): StreamTiming | undefined {
  if (headersMs === undefined || events.some((e) => e.atMs === undefined)) return undefined;
  let previous = headersMs;
  let maxGapMs = 0;
  let firstContentMs: number | undefined;
  let lastContentMs = 0;
  let contentDeltas = 0;
  let outputTokens: number | undefined;
  for (const e of events) {
    const at = e.atMs!;
    maxGapMs = Math.max(maxGapMs, at - previous);
    previous = at;
    const type = typeOf(e);
    if (type === 'content_block_delta') {
      firstContentMs ??= at;
      lastContentMs = at;
      contentDeltas += 1;
    } else if (type === 'message_start' || type === 'message_delta') {
      outputTokens = outputTokensOf(e) ?? outputTokens;
    }
  }
  const totalMs = events.length ? events.at(-1)!.atMs! : headersMs;
  const generating = firstContentMs === undefined ? 0 : totalMs - firstContentMs;
  return {
    headersMs,
    firstContentMs,
    totalMs,
    maxGapMs,
    contentDeltas,
    contentSpanMs: firstContentMs === undefined ? 0 : lastContentMs - firstContentMs,
    outputTokens,
    // Under a millisecond (everything in one read) no rate can be measured.
    tokensPerSecond:
      outputTokens !== undefined && outputTokens > 0 && generating >= 1
        ? Math.round((outputTokens * 1000) / generating)
        : undefined,
    stalledMs: firstContentMs === undefined ? 0 : Math.min(firstContentMs, stalledBefore(firstContentMs)),
  };
}

/**
 * A buffered stream ("fake streaming"): the whole answer produced first, then every event at once,
 * as a validating or transforming proxy in front of the target often does. Several deltas, at least
 * half a second in all, the first delta after 90 % of it, and the deltas then faster than any model
 * generates: a real model with a slow first token and a short answer still spends its tokens' time
 * on them, a fast in-process server never takes half a second. Time the suite's own process was
 * stalled before the first delta (a loaded machine, its own checks) is not the target's, and is
 * left out of both.
 */
export const BUFFERED = { minDeltas: 3, minTotalMs: 500, firstDeltaShare: 0.9, burstTokensPerSecond: 2000 } as const;

export function isBuffered(t: StreamTiming): boolean {
  if (t.firstContentMs === undefined || t.contentDeltas < BUFFERED.minDeltas) return false;
  const [first, total] = [t.firstContentMs - t.stalledMs, t.totalMs - t.stalledMs];
  if (total < BUFFERED.minTotalMs || first < BUFFERED.firstDeltaShare * total) return false;
  return burstRate(t) >= BUFFERED.burstTokensPerSecond;
}

/** Tokens per second over the deltas' own span (a span under 1 ms counts as 1 ms); tokens are at least the deltas. */
export function burstRate(t: StreamTiming): number {
  return (Math.max(t.outputTokens ?? 0, t.contentDeltas) * 1000) / Math.max(1, t.contentSpanMs);
}

/** Nearest-rank percentile of the values (p from 0 to 100); undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
