import { defineSetCheck } from './failure';
import type { Exchange } from '../http/exchange';
import { inputTokensOf } from './usage-accounts';

/**
 * For the same request, the count `POST /v1/messages/count_tokens` gives is close to the input that
 * `POST /v1/messages` reports in `usage` (input_tokens plus the cached tokens written and read). A
 * schema cannot say it; a gateway that counts with another tokenizer (or characters / 4) makes
 * clients such as Claude Code compact or truncate at the wrong moment. The docs call the count an
 * estimate that may include tokens the system adds, so a difference is a warning, never a failure,
 * and the tolerance is ours (unverified): more than max(10 tokens, 25% of the larger figure) apart.
 * 10 tokens absorb a fixed system-added prefix on short prompts; 25% leaves room for an estimate
 * while a count 2x or 10x off (another tokenizer, a character count) is still seen. A count of 0
 * for a request with content is no estimate: input_tokens_nonzero fails it.
 */
const ABSOLUTE = 10;
const RELATIVE = 0.25;

export const countTokensMatchesUsage = defineSetCheck({
  id: 'count_tokens_matches_usage',
  title: 'Token count far from the input usage of the same request',
  source:
    'https://docs.claude.com/en/docs/build-with-claude/token-counting (the count is an estimate of the input tokens of the same request); https://docs.claude.com/en/api/messages-count-tokens',
  profiles: ['full'],
  operations: ['count_tokens', 'messages'],
  ran: (exchanges) => pairs(exchanges).length,
  run: (_ctx, exchanges) =>
    pairs(exchanges).flatMap(({ count, usage, messages, counted }) => {
      const apart = Math.abs(count - usage);
      if (apart <= Math.max(ABSOLUTE, RELATIVE * Math.max(count, usage))) return [];
      return [
        {
          exchange: counted,
          finding: {
            detail: `Received: count_tokens answered input_tokens ${count} (${counted.case.name}); /v1/messages reported ${usage} input tokens for the same body (${messages.case.name}: usage.input_tokens + cache_creation_input_tokens + cache_read_input_tokens)\nExpected: the two within max(${ABSOLUTE} tokens, ${RELATIVE * 100}%) of each other. Unverified tolerance, not counted as a failure: the docs call the count an estimate that may include system-added tokens`,
            key: 'differs',
            severity: 'warning' as const,
          },
        },
      ];
    }),
});

/** Each /v1/messages answer with a count twin, both 200 JSON with their numbers. */
function pairs(exchanges: Exchange[]): Array<{ count: number; usage: number; messages: Exchange; counted: Exchange }> {
  const byName = new Map(
    exchanges.filter((ex) => ex.case.operation === 'count_tokens').map((ex) => [ex.case.name, ex]),
  );
  return exchanges.flatMap((messages) => {
    const twin = messages.case.operation === 'messages' ? messages.case.meta?.countTwin : undefined;
    const counted = twin ? byName.get(twin) : undefined;
    if (!counted || !answered(messages) || !answered(counted)) return [];
    // A count that is not a number is response_schema_conformance's finding, not this check's.
    const count = (counted.response!.json as { input_tokens?: unknown }).input_tokens;
    const usage = (messages.response!.json as { usage?: unknown }).usage;
    if (typeof count !== 'number' || !Number.isFinite(count) || typeof usage !== 'object' || usage === null) return [];
    return [{ count, usage: inputTokensOf(usage as Record<string, unknown>), messages, counted }];
  });
}

const answered = (ex: Exchange) =>
  ex.response?.status === 200 &&
  !ex.response.events &&
  typeof ex.response.json === 'object' &&
  ex.response.json !== null &&
  !ex.unavailable;
