import { hasMessage, requestValid } from './conditions';
import { defineCheck, type Finding } from './failure';
import { requestBody } from '../http/exchange';
import { blocksOf, viewOf } from './view';

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/** The input a usage object reports: input_tokens plus the cached tokens written and read. */
export const inputTokensOf = (usage: Record<string, unknown>) =>
  count(usage.input_tokens) + count(usage.cache_creation_input_tokens) + count(usage.cache_read_input_tokens);
/** The output a usage object reports. */
export const outputTokensOf = (usage: Record<string, unknown>) => count(usage.output_tokens);

/**
 * `usage` accounts for what was exchanged. No conformant answer produces text, a tool call or
 * thinking with `output_tokens: 0`, nor reads a non-empty prompt for 0 input tokens. With prompt
 * caching `input_tokens` alone can be tiny (3 in recorded real answers), so the input counted is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`, as the docs define the
 * total. For a stream the usage is the one the final `message_delta` leaves (its counters overwrite
 * message_start's, as the SDKs fold them).
 */
export const usageAccountsForContent = defineCheck({
  id: 'usage_accounts_for_content',
  title: 'usage does not account for the content',
  source:
    'https://docs.anthropic.com/en/api/messages (usage); https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching (total input tokens)',
  profiles: ['full'],
  operations: ['messages'],
  when: [requestValid, hasMessage],
  run(_ctx, ex) {
    const message = viewOf(ex).message!;
    const usage = message.usage as Record<string, unknown> | undefined;
    if (!usage || typeof usage !== 'object') return []; // the schema check reports a missing usage
    const where = ex.response?.events ? 'the final message_delta ' : '';
    const findings: Finding[] = [];
    const produced = blocksOf(message).filter(
      (b) =>
        (b.type === 'text' && typeof b.text === 'string' && b.text !== '') ||
        (b.type === 'thinking' && typeof b.thinking === 'string' && b.thinking !== '') ||
        b.type === 'tool_use',
    );
    if (typeof usage.output_tokens === 'number' && usage.output_tokens === 0 && produced.length > 0)
      findings.push({
        detail: `Received: ${where}usage.output_tokens 0 with content ${JSON.stringify(produced.map((b) => b.type))}\nExpected: output_tokens counting the content returned (at least 1)`,
        key: 'output_tokens',
      });
    const input = inputTokensOf(usage);
    if (typeof usage.input_tokens === 'number' && input === 0 && promptNonEmpty(requestBody(ex)))
      findings.push({
        detail: `Received: ${where}usage input_tokens 0 (cache_creation_input_tokens ${String(usage.cache_creation_input_tokens ?? 0)}, cache_read_input_tokens ${String(usage.cache_read_input_tokens ?? 0)}) for a non-empty prompt\nExpected: input_tokens + cache_creation_input_tokens + cache_read_input_tokens of at least 1`,
        key: 'input_tokens',
      });
    return findings;
  },
});

/** The request sent at least one message with content (every valid request does). */
function promptNonEmpty(body: Record<string, unknown> | undefined): boolean {
  const messages = body?.messages;
  return (
    Array.isArray(messages) &&
    messages.some((m: { content?: unknown }) =>
      typeof m?.content === 'string' ? m.content !== '' : Array.isArray(m?.content) && m.content.length > 0,
    )
  );
}
