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
    const requested = Array.isArray(body.stop_sequences)
      ? (body.stop_sequences as unknown[]).filter((s): s is string => typeof s === 'string' && s !== '')
      : [];
    const findings: Finding[] = [];
    for (const text of textOf(message)) {
      const hit = requested.find((s) => text.includes(s));
      if (hit)
        findings.push({
          detail: `Received text containing the stop sequence ${JSON.stringify(hit)}: ${JSON.stringify(text.slice(0, 200))}\nExpected: generation stops before it`,
          key: 'text_contains',
        });
    }
    const reason = message.stop_reason;
    const seq = message.stop_sequence;
    if (reason === 'stop_sequence' && !requested.includes(seq as string))
      findings.push({
        detail: `Received: stop_reason "stop_sequence" with stop_sequence ${JSON.stringify(seq)}\nExpected: one of the requested ${JSON.stringify(requested)}`,
        key: 'echo',
      });
    const met = metButNotReported(body, message, requested);
    if (met) findings.push(met);
    if (reason !== 'stop_sequence' && seq !== null && seq !== undefined)
      findings.push({
        detail: `Received: stop_sequence ${JSON.stringify(seq)} with stop_reason ${JSON.stringify(reason)}\nExpected: stop_sequence null unless stop_reason is "stop_sequence"`,
        key: 'null_unless_matched',
      });
    return findings;
  },
});

/**
 * The answer stopped exactly where the stop sequence comes in text the prompt asked to be repeated
 * word for word ("Repeat exactly: one two STOP three four" answered "… one two"), yet says end_turn:
 * the sequence was met and reported as the natural end. A model that obeys the prompt writes the
 * sequence next; one that ended its turn right before it, of its own accord, is not a real risk.
 */
function metButNotReported(
  body: Record<string, unknown>,
  message: Record<string, unknown>,
  requested: string[],
): Finding | undefined {
  if (message.stop_reason !== 'end_turn' || !requested.length) return undefined;
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: unknown; content?: unknown }>) : [];
  const prompt =
    messages.at(-1)?.role === 'user' && typeof messages.at(-1)?.content === 'string'
      ? String(messages.at(-1)!.content)
      : '';
  if (!/repeat exactly/i.test(prompt)) return undefined;
  const text = textOf(message).join('').trimEnd();
  for (const s of requested) {
    const before = prompt.slice(0, prompt.indexOf(s)).trimEnd().split(/\s+/).slice(-2).join(' ');
    if (prompt.includes(s) && before && text.endsWith(before))
      return {
        detail: `Received: stop_reason "end_turn", stop_sequence null, the text ending ${JSON.stringify(text.slice(-60))}, right before the requested stop sequence ${JSON.stringify(s)} in the words it was asked to repeat\nExpected: stop_reason "stop_sequence" with stop_sequence ${JSON.stringify(s)}: clients tell a stop sequence from the end of the answer by it`,
        key: 'reported_as_end_turn',
      };
  }
  return undefined;
}
