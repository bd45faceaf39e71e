import { defineCheck } from './failure';
import { is2xx, isSse, requestValid } from './conditions';
import type { Exchange } from '../http/exchange';

const hasFirstContent = (ex: Exchange) => ex.response?.timing?.firstContentMs !== undefined;

/** A limit the user sets (CONTRACT_MAX_TTFT_MS) on the time to the first content delta; unset, the check is skipped. */
export const streamFirstTokenTime = defineCheck({
  id: 'stream_first_token_time',
  title: 'First content delta slower than CONTRACT_MAX_TTFT_MS',
  source: 'CONTRACT_MAX_TTFT_MS (a limit set for this run, not a rule of the API)',
  profiles: ['full', 'schema'],
  operations: ['messages'],
  when: [isSse, is2xx, requestValid, hasFirstContent],
  off: (ctx) => (ctx.maxTtftMs === undefined ? 'CONTRACT_MAX_TTFT_MS is not set' : undefined),
  run(ctx, ex) {
    const t = ex.response!.timing!;
    const limit = ctx.maxTtftMs!;
    if (t.firstContentMs! <= limit) return [];
    return [
      {
        key: 'slow_first_token',
        detail: `Received: the first content delta ${t.firstContentMs} ms after the request (headers after ${t.headersMs} ms, the whole answer ${t.totalMs} ms)\nExpected: a first content delta within ${limit} ms (CONTRACT_MAX_TTFT_MS)`,
      },
    ];
  },
});
