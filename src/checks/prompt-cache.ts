import { defineSetCheck } from './failure';
import type { Exchange } from '../http/exchange';
import { viewOf } from './view';
import { inputTokensOf } from './usage-accounts';

const usageOf = (ex: Exchange) => (viewOf(ex).message?.usage ?? undefined) as Record<string, unknown> | undefined;
const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Each warm request (meta.featureCheck.cacheOf) with its cold one, both answered with a usage. */
function pairs(
  exchanges: Exchange[],
): Array<{ warm: Exchange; cold: Exchange; warmUsage: Record<string, unknown>; coldUsage: Record<string, unknown> }> {
  const byName = new Map(exchanges.map((ex) => [ex.case.name, ex]));
  return exchanges.flatMap((warm) => {
    const cold = warm.case.meta?.featureCheck?.cacheOf ? byName.get(warm.case.meta.featureCheck.cacheOf) : undefined;
    const [warmUsage, coldUsage] = [usageOf(warm), cold && usageOf(cold)];
    return cold && warmUsage && coldUsage && !warm.unavailable && !cold.unavailable
      ? [{ warm, cold, warmUsage, coldUsage }]
      : [];
  });
}

/**
 * Prompt caching: the same request sent twice with a `cache_control` prefix above the model's minimum
 * reports the prefix read from the cache the second time (`cache_read_input_tokens > 0`, as recorded
 * real answers show: tests/fixtures/recorded/system-03.json), and the input is the same in total
 * either way: `input_tokens + cache_creation_input_tokens + cache_read_input_tokens` is the request's
 * whole input, cold or warm (https://platform.claude.com/docs/en/build-with-claude/prompt-caching,
 * "tracking cache performance"). A total that changes is an accounting fault (error); no cache read
 * at all is a target that does not cache, or does not say so: a warning (context meters and cost
 * reports read these numbers, but caching is an optimisation).
 */
export const promptCacheAccounting = defineSetCheck({
  id: 'prompt_cache_accounting',
  title: 'Prompt cache not read or its usage inconsistent',
  source:
    'https://platform.claude.com/docs/en/build-with-claude/prompt-caching (cache_creation_input_tokens, cache_read_input_tokens; total input tokens)',
  profiles: ['full'],
  operations: ['messages'],
  ran: (exchanges) => pairs(exchanges).length,
  run: (_ctx, exchanges) =>
    pairs(exchanges).flatMap(({ warm, cold, warmUsage, coldUsage }) => {
      const show = (u: Record<string, unknown>) =>
        `input_tokens ${n(u.input_tokens)} + cache_creation_input_tokens ${n(u.cache_creation_input_tokens)} + cache_read_input_tokens ${n(u.cache_read_input_tokens)} = ${inputTokensOf(u)}`;
      const out = [];
      if (inputTokensOf(warmUsage) !== inputTokensOf(coldUsage))
        out.push({
          exchange: warm,
          finding: {
            detail: `Received: the same request counted ${show(coldUsage)} the first time (${cold.case.name}) and ${show(warmUsage)} the second (${warm.case.name})\nExpected: the same total input both times; caching only moves tokens between the three counters`,
            key: 'total_differs',
          },
        });
      if (n(warmUsage.cache_read_input_tokens) <= 0)
        out.push({
          exchange: warm,
          finding: {
            detail: `Received: cache_read_input_tokens ${JSON.stringify(warmUsage.cache_read_input_tokens ?? null)} on the second identical request whose prefix carries cache_control (${show(warmUsage)}; first: ${show(coldUsage)})\nExpected: the prefix read from the cache (cache_read_input_tokens > 0). The target does not cache, or does not report it: a warning, since caching saves cost and time but changes no answer`,
            key: 'no_cache_read',
            severity: 'warning' as const,
          },
        });
      return out;
    }),
});
