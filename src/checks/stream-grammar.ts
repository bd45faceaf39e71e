import { defineCheck } from './failure';
import { isSse, requestValid } from './conditions';
import { viewOf } from './view';
import { deltaViolations } from '../stream/grammar';

/** The event order (stream/grammar.ts): message_start first, blocks opened, filled and closed, message_delta, message_stop last. */
export const streamGrammar = defineCheck({
  id: 'stream_grammar',
  title: 'Stream events out of order',
  source:
    'https://docs.anthropic.com/en/docs/build-with-claude/streaming (event flow); openapi: ContentBlock x-delta-types',
  profiles: ['full', 'schema'],
  operations: ['messages'],
  when: [isSse, requestValid],
  run(ctx, ex) {
    const view = viewOf(ex);
    if (view.events!.length === 0) return []; // no frame at all: sse_framing reports it
    return [...view.grammar!.violations, ...deltaViolations(view.events!, ctx.contract.deltaTypes)]
      .sort((a, b) => (a.n < 0 ? Infinity : a.n) - (b.n < 0 ? Infinity : b.n))
      .map((v) => {
        const frame = v.n >= 0 ? view.events![v.n]?.frame.raw.trim().slice(0, 300) : undefined;
        return {
          detail: `${v.n >= 0 ? `event #${v.n}: ` : 'end of stream: '}${v.message}${frame ? `\nFrame: ${frame}` : ''}`,
          key: v.rule,
          eventIndex: v.n >= 0 ? v.n : undefined,
        };
      });
  },
});
