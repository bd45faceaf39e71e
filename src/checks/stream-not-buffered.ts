import { defineCheck } from './failure';
import { is2xx, isSse, requestValid } from './conditions';
import { BUFFERED, burstRate, isBuffered } from '../stream/timing';
import type { Exchange } from '../http/exchange';

const timed = (ex: Exchange) => ex.response?.timing !== undefined;

/**
 * "Fake streaming": the whole answer generated (or validated) first, then every event at once. The
 * stream is well formed, but a client shows nothing until the end, and its idle timeouts see one
 * long silence. A warning marked unverified: no public source states a pace.
 */
export const streamNotBuffered = defineCheck({
  id: 'stream_not_buffered',
  title: 'Buffered stream: every event sent at once at the end',
  source:
    'https://docs.claude.com/en/docs/build-with-claude/streaming ("stream": true streams the response incrementally)',
  profiles: ['full', 'schema'],
  operations: ['messages'],
  when: [isSse, is2xx, requestValid, timed],
  run(_ctx, ex) {
    const t = ex.response!.timing!;
    if (!isBuffered(t)) return [];
    const share = Math.round((100 * t.firstContentMs!) / t.totalMs);
    const rate = Math.round(burstRate(t));
    return [
      {
        severity: 'warning',
        key: 'unverified:buffered',
        detail:
          `Buffered stream: the first content delta came ${t.firstContentMs} ms after the request, ${share} % of the ${t.totalMs} ms the whole answer took, ` +
          `and its ${t.contentDeltas} deltas then came within ${t.contentSpanMs} ms (≈ ${rate} tokens/s, faster than a model generates): ` +
          `the answer was produced whole and then sent at once, so a client shows nothing until it is complete. ` +
          `A validating or buffering proxy in front of the target is a common cause.\n` +
          `Expected: deltas sent as they are generated (flagged when ${BUFFERED.minDeltas}+ deltas, ${BUFFERED.minTotalMs} ms+ in all, the first after ${BUFFERED.firstDeltaShare * 100} % of the time and the rest above ${BUFFERED.burstTokensPerSecond} tokens/s)\n` +
          `Unverified expectation, not counted as a failure: the API streams the response incrementally (its streaming page), but no public source states a pace`,
      },
    ];
  },
});
