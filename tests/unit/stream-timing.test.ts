/**
 * Stream timing: what is measured on each stream (headers, first content delta, largest gap, total,
 * tokens/s), the buffered-stream warning (stream_not_buffered) and the optional first-token limit
 * (stream_first_token_time, CONTRACT_MAX_TTFT_MS), each shown failing on its fixture server and
 * silent on a faithful real pace and on the fast in-process mock.
 */
import { loadContract } from '../../src/contract/spec';
import { startMock, type Fault } from '../../src/mock/server';
import { isBuffered, percentile, streamTiming, type StreamTiming } from '../../src/stream/timing';
import { stalledMs, watchStalls } from '../../src/http/stalls';
import type { SseEvent } from '../../src/stream/sse';
import { runSuite } from '../helpers/run-suite';
import { TIMING_BROKEN, TIMING_FAITHFUL, BUFFER_MS, REAL_FIRST_TOKEN_MS } from '../fixtures/servers/timing';
import type { FixtureServer } from '../fixtures/servers/catalogue';
import { formatFailures } from '../../src/report/format';
import { serializeArea } from '../../src/report/serialize';
import { resultsOf } from '../helpers/results';
import { renderHtml } from '../../src/report/html';
import { runTiming, timingText, type StreamTimingRecord } from '../../src/report/timing';
import type { AreaOutcome } from '../../src/suite/areas';

const KEY = 'fixture-key-0123456789';
jest.setTimeout(120_000);

/** A stream's frames at the given arrival times: message_start, the deltas, message_delta, message_stop. */
function stream(startMs: number, deltaMs: number[], endMs: number, outputTokens = deltaMs.length * 2): SseEvent[] {
  const ev = (event: string, data: object, atMs: number): SseEvent => ({
    event,
    data: JSON.stringify({ type: event, ...data }),
    raw: '',
    atMs,
  });
  return [
    ev('message_start', { message: { usage: { input_tokens: 5, output_tokens: 1 } } }, startMs),
    ...deltaMs.map((at) =>
      ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'two words' } }, at),
    ),
    ev('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: outputTokens } }, endMs),
    ev('message_stop', {}, endMs),
  ];
}

describe('timing of one stream', () => {
  test('headers, first content delta, largest gap, total, tokens/s', () => {
    const t = streamTiming(stream(40, [300, 330, 420, 450], 470, 20), 35)!;
    expect(t).toMatchObject({
      headersMs: 35,
      firstContentMs: 300,
      totalMs: 470,
      maxGapMs: 260,
      contentDeltas: 4,
      contentSpanMs: 150,
      outputTokens: 20,
      stalledMs: 0,
    });
    expect(t.tokensPerSecond).toBe(Math.round((20 * 1000) / 170));
  });

  test('a frame without an event line is typed by its data; no content delta leaves no first token', () => {
    const events = stream(5, [10, 12, 14], 15).map(({ event: _e, ...e }) => e);
    expect(streamTiming(events, 4)!.contentDeltas).toBe(3);
    expect(streamTiming(stream(5, [], 9), 4)).toMatchObject({
      firstContentMs: undefined,
      contentDeltas: 0,
      tokensPerSecond: undefined,
    });
  });

  test('events read all at once (recorded traffic) have no timing', () => {
    expect(
      streamTiming(
        stream(1, [2], 3).map(({ atMs: _a, ...e }) => e),
        1,
      ),
    ).toBeUndefined();
    expect(streamTiming(stream(1, [2], 3), undefined)).toBeUndefined();
  });

  test('percentiles by nearest rank', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([30, 10, 20], 50)).toBe(20);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 95)).toBe(19);
    expect(percentile([5], 95)).toBe(5);
  });
});

describe('buffered streams', () => {
  const timing = (events: SseEvent[], stalled = 0): StreamTiming => ({
    ...streamTiming(events, 5)!,
    stalledMs: stalled,
  });

  test('held, then every delta at once: buffered', () => {
    expect(isBuffered(timing(stream(5, [900, 900, 901, 901], 901)))).toBe(true);
    // Headers held too (a gateway that asks its upstream without streaming): the same.
    expect(isBuffered(timing(stream(900, [900, 900, 900], 900)))).toBe(true);
  });

  test("a real model with a slow first token and a short answer is not: its deltas take its tokens' time", () => {
    expect(isBuffered(timing(stream(300, [2000, 2030, 2060], 2070)))).toBe(false); // 97 % of the time before the first delta
    expect(isBuffered(timing(stream(300, [8000, 8040, 8080, 8120, 8160], 8170, 40)))).toBe(false);
  });

  test('a fast server is never buffered: under half a second, or fewer than three deltas', () => {
    expect(isBuffered(timing(stream(2, [30, 30, 31, 31], 31)))).toBe(false);
    expect(isBuffered(timing(stream(2, [480, 480, 480], 480)))).toBe(false);
    expect(isBuffered(timing(stream(2, [900, 900], 900)))).toBe(false);
  });

  test("a first delta that is late because the suite itself stalled is not the target's delay", () => {
    expect(isBuffered(timing(stream(5, [900, 900, 901, 901], 901), 850))).toBe(false);
    expect(isBuffered(timing(stream(5, [900, 900, 901, 901], 901), 100))).toBe(true);
  });

  test("the suite's own stalls are measured while streams are read", async () => {
    const unwatch = watchStalls();
    await new Promise((r) => setTimeout(r, 60));
    const from = Date.now();
    const until = from + 250;
    while (Date.now() < until) {
      // busy: the process cannot run its timers
    }
    await new Promise((r) => setTimeout(r, 60));
    const stalled = stalledMs(from, Date.now());
    unwatch();
    expect(stalled).toBeGreaterThanOrEqual(180);
    expect(stalledMs(from - 10_000, from - 5_000)).toBe(0);
  });
});

async function report(outcomes: AreaOutcome[]) {
  const areas = outcomes.map((o) => serializeArea(o, { apiKey: KEY }));
  return resultsOf(areas);
}

describe("the run's figures", () => {
  const rec = (firstContentMs: number | undefined, tokensPerSecond?: number, buffered?: true): StreamTimingRecord => ({
    case: `c${firstContentMs}`,
    headersMs: 3,
    firstContentMs,
    totalMs: 100,
    maxGapMs: 7,
    tokensPerSecond,
    buffered,
  });

  test('time to first token p50/p95 and tokens/s p50 over every area, and the console line', () => {
    const t = runTiming([
      { streams: [rec(10, 300), rec(20, 400), rec(undefined)] },
      {},
      { streams: [rec(40, 500, true)] },
    ]);
    expect(t).toEqual({
      streams: 4,
      headersMs: { p50: 3 },
      ttftMs: { p50: 20, p95: 40 },
      tokensPerSecond: { p50: 400 },
      maxGapMs: 7,
      buffered: 1,
      bufferedCases: ['c40'],
    });
    expect(timingText(t)).toBe(
      'streams: 4, time to first token p50 20 ms p95 40 ms, 400 tokens/s, 1 buffered (every event sent at once: stream_not_buffered)',
    );
  });

  test('no stream timed (recorded traffic): no line, and the HTML says why', async () => {
    const t = runTiming([{}]);
    expect(t).toMatchObject({ streams: 0, ttftMs: null, tokensPerSecond: null, maxGapMs: null, buffered: 0 });
    expect(timingText(t)).toBeUndefined();
    expect(renderHtml(await report([]))).toContain('No stream was timed');
  });
});

async function against(fault: Fault, env: Record<string, string> = {}) {
  const server = await startMock(await loadContract(), { apiKey: KEY, fault });
  try {
    const run = await runSuite(server.url, KEY, { CONTRACT_OPERATIONS: 'messages', ...env });
    const checks = run.outcomes.flatMap((o) => o.checks);
    const warnings = checks.flatMap((c) => c.warnings);
    const streams = run.outcomes.flatMap((o) =>
      o.results.map((r) => r.exchange.response?.timing).filter((t): t is StreamTiming => t !== undefined),
    );
    return { ...run, checks, warnings, warned: new Set(warnings.map((w) => w.checkId)), streams };
  } finally {
    await server.close();
  }
}

const fixture = (list: FixtureServer[], name: string) => list.find((f) => f.name === name)!;
const TIMING_CHECKS = ['stream_not_buffered', 'stream_first_token_time'];

describe('fixture servers', () => {
  test('a server that buffers every stream gets the buffered-stream warning, and nothing else', async () => {
    const f = fixture(TIMING_BROKEN, 'buffers-every-stream');
    const run = await against(f.fault, f.env);
    expect(run.failures).toEqual([]);
    expect([...run.warned].filter((id) => TIMING_CHECKS.includes(id))).toEqual(['stream_not_buffered']);
    const w = run.warnings.find((x) => x.checkId === 'stream_not_buffered')!;
    expect(w.severity).toBe('warning');
    expect(w.detail).toMatch(/^Buffered stream: the first content delta came \d+ ms after the request/);
    expect(w.detail).toMatch(/validating or buffering proxy/);
    expect(w.detail).toMatch(/\nUnverified expectation, not counted as a failure/);
    // Every stream of several deltas is named; its timing says why.
    const flagged = run.streams.filter(isBuffered);
    expect(flagged.length).toBeGreaterThan(3);
    for (const t of flagged) expect(t.firstContentMs).toBeGreaterThanOrEqual(BUFFER_MS - 5);
    // The reports count them and name their cases.
    const results = await report(run.outcomes);
    expect(results.timing).toMatchObject({ buffered: flagged.length, streams: run.streams.length });
    expect(results.timing!.ttftMs!.p50).toBeGreaterThanOrEqual(BUFFER_MS - 5);
    expect(results.timing!.bufferedCases.length).toBeGreaterThan(0);
    expect(timingText(results.timing)).toMatch(
      new RegExp(
        `^streams: ${run.streams.length}, time to first token p50 \\d+ ms p95 \\d+ ms, .*${flagged.length} buffered`,
      ),
    );
    const html = renderHtml(results);
    expect(html).toContain('<h2>Stream timing</h2>');
    expect(html).toContain(results.timing!.bufferedCases[0]!);
  });

  test('a slow first token fails stream_first_token_time when CONTRACT_MAX_TTFT_MS is set, and is not called buffered', async () => {
    const f = fixture(TIMING_BROKEN, 'slow-first-token');
    const run = await against(f.fault, f.env);
    expect([...run.failing]).toEqual(['stream_first_token_time']);
    expect(run.warned.has('stream_not_buffered')).toBe(false);
    expect(run.failures[0]!.detail).toMatch(
      /the first content delta \d+ ms after the request .*\nExpected: a first content delta within 800 ms \(CONTRACT_MAX_TTFT_MS\)/,
    );
  });

  test('a faithful real pace (slow first token, events cut anywhere) passes clean, timing checks included', async () => {
    const f = fixture(TIMING_FAITHFUL, 'real-pace-split-chunks');
    const run = await against(f.fault, { CONTRACT_MAX_TTFT_MS: '60000' });
    if (run.failures.length) throw new Error(`false alarms\n${formatFailures(run.failures, { apiKey: KEY })}`);
    expect([...run.warned].filter((id) => TIMING_CHECKS.includes(id))).toEqual([]);
    expect(run.checks.filter((c) => c.id === 'stream_not_buffered').every((c) => c.status === 'passed')).toBe(true);
    // It really is slow to start: streams of several deltas spend over 90 % of their time before the first.
    expect(run.streams.every((t) => t.firstContentMs === undefined || t.firstContentMs >= REAL_FIRST_TOKEN_MS)).toBe(
      true,
    );
    expect(
      run.streams.filter(
        (t) => t.contentDeltas >= 3 && t.firstContentMs! - t.stalledMs >= 0.9 * (t.totalMs - t.stalledMs),
      ).length,
    ).toBeGreaterThan(3);
  });

  test('the fast in-process mock: never buffered; the first-token limit passes when set and is skipped, never passed, when unset', async () => {
    const limited = await against({}, { CONTRACT_MAX_TTFT_MS: '60000' });
    expect(limited.failures).toEqual([]);
    expect(limited.warned.has('stream_not_buffered')).toBe(false);
    const ttft = limited.checks.filter((c) => c.id === 'stream_first_token_time');
    expect(ttft.length).toBeGreaterThanOrEqual(3);
    expect(ttft.every((c) => c.status === 'passed' && c.ran > 0)).toBe(true);

    const unset = await against({});
    expect(unset.warned.has('stream_not_buffered')).toBe(false);
    const results = await report(unset.outcomes);
    expect(results.timing).toMatchObject({ streams: unset.streams.length, buffered: 0, bufferedCases: [] });
    expect(timingText(results.timing)).toMatch(
      /^streams: \d+, time to first token p50 \d+ ms p95 \d+ ms(, \d+ tokens\/s)?$/,
    );
    for (const c of unset.checks.filter((x) => x.id === 'stream_first_token_time'))
      expect(c).toMatchObject({ status: 'skipped', reason: 'CONTRACT_MAX_TTFT_MS is not set', ran: 0 });
    expect(unset.streams.length).toBeGreaterThan(10);
  });
});
