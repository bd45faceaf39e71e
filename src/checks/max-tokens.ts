import { hasMessage, requestValid } from './conditions';
import { defineCheck } from './failure';
import { requestBody } from '../http/exchange';
import { viewOf } from './view';

/**
 * No conformant answer reports more output tokens than max_tokens, and an answer the request makes
 * too long to fit says `stop_reason: "max_tokens"` (https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons; held in every recording).
 */
export const maxTokensHonoured = defineCheck({
  id: 'max_tokens_honoured',
  title: 'max_tokens not honoured',
  source:
    'https://docs.anthropic.com/en/api/messages (max_tokens, usage, stop_reason); https://docs.anthropic.com/en/docs/build-with-claude/handling-stop-reasons',
  profiles: ['full'],
  operations: ['messages'],
  when: [requestValid, hasMessage],
  run(_ctx, ex) {
    const message = viewOf(ex).message;
    const max = requestBody(ex)?.max_tokens;
    if (!message || typeof max !== 'number') return [];
    const usage = message.usage as { output_tokens?: unknown } | undefined;
    const out = usage?.output_tokens;
    const findings = [];
    if (typeof out === 'number' && out > max)
      findings.push({
        detail: `Received: usage.output_tokens ${out}\nExpected: at most max_tokens ${max}`,
        key: 'output_tokens',
      });
    if (ex.case.meta?.expectCut && message.stop_reason !== 'max_tokens')
      findings.push({
        detail: `Received: stop_reason ${JSON.stringify(message.stop_reason)} for a reply that cannot fit in max_tokens ${max}\nExpected: stop_reason "max_tokens"`,
        key: 'stop_reason',
      });
    return findings;
  },
});
