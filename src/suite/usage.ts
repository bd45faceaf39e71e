/**
 * What a run cost: the tokens the target said it used (`usage` of each answer: a JSON Message, or
 * the message a stream describes, counted even when the stream broke off) and the requests sent.
 * Input counts cached tokens too (cache_creation_input_tokens, cache_read_input_tokens): a cached
 * prompt is still paid for, https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
import type { Exchange } from '../http/exchange';
import { viewOf } from '../checks/view';
import { inputTokensOf, outputTokensOf } from '../checks/usage-accounts';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export function tokenUsage(exchanges: Exchange[]): TokenUsage {
  const total: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  // Retried answers count too: a stream that broke off after message_start still used its input.
  const answers = exchanges.flatMap((ex) => [
    ...ex.retried.map((r) => ({ ...ex, response: r, retried: [] })),
    ...(ex.response ? [ex] : []),
  ]);
  for (const ex of answers) {
    const view = viewOf(ex);
    const usage = ((view.message ?? view.accumulated?.message)?.usage ?? {}) as Record<string, unknown>;
    total.inputTokens += inputTokensOf(usage);
    total.outputTokens += outputTokensOf(usage);
  }
  return total;
}

export const addUsage = (a: TokenUsage, b: TokenUsage | undefined): TokenUsage => ({
  inputTokens: a.inputTokens + (b?.inputTokens ?? 0),
  outputTokens: a.outputTokens + (b?.outputTokens ?? 0),
});
