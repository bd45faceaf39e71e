/**
 * Stream timing for the reports: one record per stream of an area (results.json keeps them), the
 * run's figures over all of them (time to first token p50/p95, tokens/s p50, buffered streams) and
 * the one line the console prints.
 */
import type { Exchange } from '../http/exchange';
import { isBuffered, percentile } from '../stream/timing';

export interface StreamTimingRecord {
  case: string;
  headersMs: number;
  /** Time to the first content delta (time to first token); absent when none came. */
  firstContentMs?: number;
  totalMs: number;
  maxGapMs: number;
  tokensPerSecond?: number;
  /** Flagged by stream_not_buffered. */
  buffered?: true;
}

export interface RunTiming {
  /** Streams timed (2xx streams read live; recorded traffic carries no arrival times). */
  streams: number;
  headersMs: { p50: number } | null;
  ttftMs: { p50: number; p95: number } | null;
  tokensPerSecond: { p50: number } | null;
  /** The longest wait between two events of any stream. */
  maxGapMs: number | null;
  /** Streams flagged as buffered, and their cases. */
  buffered: number;
  bufferedCases: string[];
}

/** The timing of each stream answer among the exchanges (the final answer of each). */
export function streamRecords(exchanges: readonly Exchange[]): StreamTimingRecord[] {
  const out: StreamTimingRecord[] = [];
  for (const ex of exchanges) {
    const res = ex.response;
    const t = res?.timing;
    // A stream cut short has no whole-answer time to report.
    if (!t || !res || res.status < 200 || res.status >= 300 || ex.transportError) continue;
    out.push({
      case: ex.case.name,
      headersMs: t.headersMs,
      ...(t.firstContentMs !== undefined ? { firstContentMs: t.firstContentMs } : {}),
      totalMs: t.totalMs,
      maxGapMs: t.maxGapMs,
      ...(t.tokensPerSecond !== undefined ? { tokensPerSecond: t.tokensPerSecond } : {}),
      ...(isBuffered(t) ? { buffered: true as const } : {}),
    });
  }
  return out;
}

/** The run's figures over every area's streams. */
export function runTiming(areas: ReadonlyArray<{ streams?: StreamTimingRecord[] }>): RunTiming {
  const all = areas.flatMap((a) => a.streams ?? []);
  const pick = (f: (r: StreamTimingRecord) => number | undefined) =>
    all.map(f).filter((n): n is number => n !== undefined);
  const ttft = pick((r) => r.firstContentMs);
  const tps = pick((r) => r.tokensPerSecond);
  const headers = pick((r) => r.headersMs);
  const buffered = all.filter((r) => r.buffered);
  return {
    streams: all.length,
    headersMs: headers.length ? { p50: percentile(headers, 50)! } : null,
    ttftMs: ttft.length ? { p50: percentile(ttft, 50)!, p95: percentile(ttft, 95)! } : null,
    tokensPerSecond: tps.length ? { p50: percentile(tps, 50)! } : null,
    maxGapMs: all.length ? Math.max(...all.map((r) => r.maxGapMs)) : null,
    buffered: buffered.length,
    bufferedCases: [...new Set(buffered.map((r) => r.case))],
  };
}

/** One line for the console, e.g. "streams: 24, time to first token p50 12 ms p95 40 ms, 380 tokens/s"; undefined when no stream was timed. */
export function timingText(t: RunTiming | undefined): string | undefined {
  if (!t?.streams) return undefined;
  return [
    `streams: ${t.streams}`,
    t.ttftMs ? `time to first token p50 ${t.ttftMs.p50} ms p95 ${t.ttftMs.p95} ms` : 'no content delta',
    t.tokensPerSecond ? `${t.tokensPerSecond.p50} tokens/s` : '',
    t.buffered ? `${t.buffered} buffered (every event sent at once: stream_not_buffered)` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
