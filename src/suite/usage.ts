/**
 * What a run cost: the tokens the target said it used (`usage` of each answer: a JSON Message, or
 * the message a stream describes, counted even when the stream broke off) and the requests sent.
 * Input counts cached tokens too (cache_creation_input_tokens, cache_read_input_tokens): a cached
 * prompt is still paid for, https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
import type { Exchange } from '../http/exchange';
import { viewOf } from '../checks/view';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

export function tokenUsage(exchanges: Exchange[]): TokenUsage {
  const total: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  for (const ex of exchanges) {
    if (!ex.response) continue;
    const view = viewOf(ex);
    const message = view.message ?? view.accumulated?.message;
    const usage = (message?.usage ?? {}) as Record<string, unknown>;
    total.inputTokens += count(usage.input_tokens) + count(usage.cache_creation_input_tokens) + count(usage.cache_read_input_tokens);
    total.outputTokens += count(usage.output_tokens);
  }
  return total;
}

export const addUsage = (a: TokenUsage, b: TokenUsage | undefined): TokenUsage => ({ inputTokens: a.inputTokens + (b?.inputTokens ?? 0), outputTokens: a.outputTokens + (b?.outputTokens ?? 0) });
