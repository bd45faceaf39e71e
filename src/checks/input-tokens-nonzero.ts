import { is2xx, requestValid } from './conditions';
import { defineCheck, type Finding } from './failure';
import { requestBody } from '../http/exchange';
import { inputTokensOf } from './usage-accounts';
import { viewOf } from './view';

/**
 * A request with content is never 0 input tokens where clients read the count first: the answer of
 * `POST /v1/messages/count_tokens`, and the `usage` of a stream's `message_start`. Claude Code's
 * context meter and auto-compaction read the count; clients read a stream's input usage at
 * message_start, before any delta, so a later message_delta that corrects it comes too late. Every
 * recorded real stream carries its input tokens at message_start (tests/fixtures/recorded/stream-*).
 * With prompt caching input_tokens alone may be small, so the cached tokens count too.
 */
export const inputTokensNonzero = defineCheck({
  id: 'input_tokens_nonzero',
  title: '0 input tokens for a request with content',
  source:
    'https://docs.claude.com/en/api/messages-count-tokens (input_tokens: the total tokens across messages, system and tools); https://docs.claude.com/en/docs/build-with-claude/streaming (message_start carries the usage)',
  profiles: ['full'],
  operations: ['count_tokens', 'messages'],
  when: [requestValid, is2xx, (ex) => hasContent(requestBody(ex))],
  run(_ctx, ex) {
    const findings: Finding[] = [];
    const res = ex.response!;
    if (ex.case.operation === 'count_tokens') {
      const count = (res.json as { input_tokens?: unknown } | undefined)?.input_tokens;
      if (count === 0)
        findings.push({
          detail:
            'Received: count_tokens answered {"input_tokens": 0} for a request with content\nExpected: the tokens the request\'s messages, system and tools take (at least 1): clients size their context by this count',
          key: 'count_tokens',
        });
      return findings;
    }
    if (!res.events) return findings; // a JSON answer's usage is usage_accounts_for_content's
    const start = viewOf(ex).events?.find((e) => e.data?.type === 'message_start');
    const usage = (start?.data?.message as { usage?: unknown } | undefined)?.usage;
    if (!usage || typeof usage !== 'object') return findings; // the event schema check reports it
    const u = usage as Record<string, unknown>;
    if (typeof u.input_tokens === 'number' && inputTokensOf(u) === 0)
      findings.push({
        detail: `Received: message_start usage ${JSON.stringify(u).slice(0, 200)} for a non-empty request\nExpected: input_tokens + cache_creation_input_tokens + cache_read_input_tokens of at least 1 at message_start (clients read it there, before any message_delta)`,
        key: 'message_start',
        eventIndex: start!.n,
      });
    return findings;
  },
});

/** The request has something to count: a message with content, a system prompt or a tool. */
function hasContent(body: Record<string, unknown> | undefined): boolean {
  const filled = (v: unknown) => (typeof v === 'string' ? v !== '' : Array.isArray(v) && v.length > 0);
  const messages = body?.messages;
  return (
    (Array.isArray(messages) && messages.some((m: { content?: unknown }) => filled(m?.content))) ||
    filled(body?.system) ||
    filled(body?.tools)
  );
}
