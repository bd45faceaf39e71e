import { hasMessage, requestValid } from './conditions';
import { defineCheck, type Finding } from './failure';
import { requestBody } from '../http/exchange';
import { textOf, viewOf } from './view';

/**
 * Generation stops before a requested stop sequence: no text contains one; `stop_reason:
 * "stop_sequence"` comes with the matched sequence, which is one that was requested (https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons).
 */
export const stopSequenceHonoured = defineCheck({
  id: 'stop_sequence_honoured',
  title: 'Stop sequence not honoured',
  source: 'https://docs.anthropic.com/en/api/messages (stop_sequences, stop_sequence)',
  profiles: ['full'],
  operations: ['messages'],
  when: [requestValid, hasMessage],
  run(_ctx, ex) {
    const message = viewOf(ex).message;
    const body = requestBody(ex);
    if (!message || !body) return [];
    const requested = Array.isArray(body.stop_sequences) ? (body.stop_sequences as unknown[]).filter((s): s is string => typeof s === 'string' && s !== '') : [];
    const findings: Finding[] = [];
    for (const text of textOf(message)) {
      const hit = requested.find((s) => text.includes(s));
      if (hit) findings.push({ detail: `Received text containing the stop sequence ${JSON.stringify(hit)}: ${JSON.stringify(text.slice(0, 200))}\nExpected: generation stops before it`, key: 'text_contains' });
    }
    const reason = message.stop_reason;
    const seq = message.stop_sequence;
    if (reason === 'stop_sequence' && !requested.includes(seq as string))
      findings.push({ detail: `Received: stop_reason "stop_sequence" with stop_sequence ${JSON.stringify(seq)}\nExpected: one of the requested ${JSON.stringify(requested)}`, key: 'echo' });
    if (reason !== 'stop_sequence' && seq !== null && seq !== undefined)
      findings.push({ detail: `Received: stop_sequence ${JSON.stringify(seq)} with stop_reason ${JSON.stringify(reason)}\nExpected: stop_sequence null unless stop_reason is "stop_sequence"`, key: 'null_unless_matched' });
    return findings;
  },
});
