import { defineCheck, type Finding } from './failure';
import { isSse, requestValid } from './conditions';
import { viewOf } from './view';
import { issuesToFindings } from './response-schema';

/**
 * The message a complete stream describes (text joined, `partial_json` joined and parsed) is a valid
 * Message, with a final stop_reason, as a non-streamed answer would be.
 */
export const streamMessageValid = defineCheck({
  id: 'stream_message_valid',
  title: 'Reassembled stream is not a valid Message',
  source: 'anthropic-sdk-typescript src/lib/MessageStream.ts (accumulation); openapi: #/components/schemas/Message',
  profiles: ['full', 'schema'],
  operations: ['messages'],
  when: [isSse, requestValid],
  run(ctx, ex) {
    const view = viewOf(ex);
    if (!view.grammar!.stopped || view.grammar!.errorEvent) return [];
    const findings: Finding[] = view
      .accumulated!.problems.filter((p) => !/nested/.test(p.message)) // an event nested too deep to apply: stream_event_schema reports it
      .map((p) => ({
        detail: `event #${p.n}: ${p.message}`,
        key: /output_tokens/.test(p.message) ? 'output_tokens_cumulative' : 'partial_json',
        eventIndex: p.n,
      }));
    const message = view.accumulated!.message;
    if (!message) return findings;
    const unset = message.stop_reason === null || message.stop_reason === undefined;
    // FinalMessage requires a stop_reason; said once, in words, rather than as a schema type error.
    const issues = ctx.contract.validate('FinalMessage', message).filter((i) => !(unset && i.path === '/stop_reason'));
    findings.push(...issuesToFindings(issues, 'reassembled message ', 'FinalMessage'));
    if (unset)
      findings.push({
        detail: 'reassembled message: stop_reason is still null after message_delta',
        key: 'stop_reason_final',
      });
    return findings;
  },
});
