import { defineCheck, type Finding } from './failure';
import { hasResponse } from './conditions';
import { isStep, notAccepted } from './conversation-step';
import { requestBody } from '../http/exchange';
import { blocksOf, textOf, viewOf } from './view';

/**
 * Prefill: when the last message is the assistant's, the answer continues it (openapi Message.content:
 * "the response continues from the last input message's content"). The request is valid (a model
 * without prefill refuses it with a 400 naming prefill: a warning, as the API does). The answer calls
 * no tool (none is offered). One that starts with the prefilled text again most likely never saw it
 * (a gateway that drops the final assistant turn): a model could still say it, so that is a warning.
 */
export const prefillContinued = defineCheck({
  id: 'prefill_continued',
  title: 'Prefilled answer not continued',
  source: 'https://docs.anthropic.com/en/api/messages (messages: a final assistant message is continued)',
  profiles: ['full'],
  operations: ['messages'],
  when: [hasResponse, isStep('prefill', ['continue'])],
  run(ctx, ex) {
    const rejected = notAccepted(
      ctx,
      ex,
      'a conversation may end with an assistant turn (prefill); a gateway that only forwards conversations ending with a user turn breaks it',
    );
    if (rejected.length || ex.response!.status !== 200) return rejected;
    const message = viewOf(ex).message;
    if (!message) return [];
    const findings: Finding[] = [];
    const calls = blocksOf(message).filter((b) => b.type === 'tool_use');
    if (calls.length)
      findings.push({
        detail: `Received: a tool_use block (${String(calls[0]!.name)}) in the answer to a request that offers no tool\nExpected: the prefilled text continued`,
        key: 'tool_call',
      });
    const prefill = (requestBody(ex)?.messages as Array<{ content?: unknown }> | undefined)?.at(-1)?.content;
    const first = textOf(message)[0]?.trimStart() ?? '';
    if (typeof prefill === 'string' && prefill.trim() && first.startsWith(prefill.trim()))
      findings.push({
        detail: `Received: text ${JSON.stringify(first.slice(0, 120))}, which starts with the prefilled ${JSON.stringify(prefill)} again\nExpected: the continuation of the prefilled text (was the final assistant turn dropped on the way?)`,
        key: 'restarted',
        severity: 'warning',
      });
    return findings;
  },
});
