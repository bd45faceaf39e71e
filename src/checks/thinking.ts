import { hasMessage, requestValid } from './conditions';
import { defineCheck, type Finding } from './failure';
import { requestBody } from '../http/exchange';
import { blocksOf, viewOf } from './view';

/**
 * Enabled thinking (https://platform.claude.com/docs/en/build-with-claude/extended-thinking): every thinking block carries a
 * signature; a fresh user question gets thinking blocks, and they come before the text. Recorded real
 * answers bound what can be required: a turn that continues after a tool_result may answer with
 * text alone (tool-result-07.json), adaptive thinking may put text first (stream-thinking-07.json),
 * and newer models think without being asked (thinking-08.json), so neither is a fault.
 */
export const thinkingHonoured = defineCheck({
  id: 'thinking_honoured',
  title: 'Thinking blocks wrong',
  source: 'https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking',
  profiles: ['full'],
  operations: ['messages'],
  when: [requestValid, hasMessage],
  run(_ctx, ex) {
    const message = viewOf(ex).message!;
    const body = requestBody(ex);
    if (!body) return [];
    const blocks = blocksOf(message);
    const kinds = blocks.map((b) => String(b.type));
    const findings: Finding[] = [];
    for (const [i, b] of blocks.entries()) {
      if (b.type === 'thinking' && (typeof b.signature !== 'string' || b.signature === ''))
        findings.push({
          detail: `Received: content[${i}] thinking block with signature ${JSON.stringify(b.signature)}\nExpected: a non-empty signature`,
          key: 'signature',
        });
    }
    if ((body.thinking as { type?: string } | undefined)?.type !== 'enabled' || !freshQuestion(body)) return findings;
    const isThinking = (k: string) => k === 'thinking' || k === 'redacted_thinking';
    const firstOther = kinds.findIndex((k) => !isThinking(k));
    if (firstOther >= 0 && kinds.slice(firstOther).some(isThinking) && !body.tools)
      findings.push({
        detail: `Received: content kinds ${JSON.stringify(kinds)}\nExpected: thinking blocks before the text`,
        key: 'order',
      });
    if (message.stop_reason !== 'max_tokens' && !kinds.some(isThinking))
      findings.push({
        detail: `Received: content kinds ${JSON.stringify(kinds)} with thinking {"type":"enabled"}\nExpected: at least one thinking (or redacted_thinking) block`,
        key: 'missing',
      });
    return findings;
  },
});

/** The request ends with a user question, not with tool results that continue an earlier turn. */
function freshQuestion(body: Record<string, unknown>): boolean {
  const last = (body.messages as Array<{ role?: string; content?: unknown }> | undefined)?.at(-1);
  if (last?.role !== 'user') return false;
  return !(
    Array.isArray(last.content) && (last.content as Array<{ type?: string }>).some((b) => b?.type === 'tool_result')
  );
}
