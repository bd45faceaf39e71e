import { hasMessage } from './conditions';
import type { Check, Finding } from './failure';
import { requestBody } from '../http/exchange';
import { blocksOf, viewOf } from './view';

/**
 * Enabled thinking comes first: every thinking block carries a signature and no thinking block follows
 * text or tool_use (facts §2 "thinking", §3 content blocks). Thinking that is not enabled yields no
 * thinking block. A reply cut by max_tokens may stop inside its thinking, so it need not reach text.
 */
export const thinkingHonoured: Check = {
  id: 'thinking_honoured',
  title: 'Thinking blocks wrong',
  source: 'facts §2 "thinking"; facts §3 "Response content blocks"',
  profiles: ['full'],
  when: [hasMessage],
  run(_ctx, ex) {
    const message = viewOf(ex).message;
    const body = requestBody(ex);
    if (!message || !body) return [];
    const thinking = (body.thinking as { type?: string } | undefined)?.type;
    const enabled = thinking === 'enabled' || thinking === 'adaptive';
    const blocks = blocksOf(message);
    const findings: Finding[] = [];
    const kinds = blocks.map((b) => String(b.type));
    const thinkingKinds = new Set(['thinking', 'redacted_thinking']);
    if (!enabled && kinds.some((k) => thinkingKinds.has(k)))
      findings.push({ detail: `Received: content kinds ${JSON.stringify(kinds)} without thinking enabled\nExpected: no thinking block`, key: 'not_enabled' });
    if (!enabled) return findings;
    const firstOther = kinds.findIndex((k) => !thinkingKinds.has(k));
    const lateThinking = firstOther >= 0 && kinds.slice(firstOther).some((k) => thinkingKinds.has(k));
    // Interleaved thinking (a beta) may place thinking between tool calls; never after the text answer.
    if (lateThinking && !(body as { tools?: unknown }).tools)
      findings.push({ detail: `Received: content kinds ${JSON.stringify(kinds)}\nExpected: thinking blocks before the text`, key: 'order' });
    for (const [i, b] of blocks.entries()) {
      if (b.type === 'thinking' && (typeof b.signature !== 'string' || b.signature === ''))
        findings.push({ detail: `Received: content[${i}] thinking block with signature ${JSON.stringify(b.signature)}\nExpected: a non-empty signature`, key: 'signature' });
    }
    if (thinking === 'enabled' && message.stop_reason !== 'max_tokens' && !kinds.some((k) => thinkingKinds.has(k)))
      findings.push({ detail: `Received: content kinds ${JSON.stringify(kinds)} with thinking {"type":"enabled"}\nExpected: at least one thinking (or redacted_thinking) block`, key: 'missing' });
    return findings;
  },
};
