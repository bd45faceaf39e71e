import { hasMessage, requestValid } from './conditions';
import { defineCheck } from './failure';
import { viewOf } from './view';

/**
 * stop_reason is an open string (new values appear,
 * https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons), so an unknown one is
 * a warning to look at. Another API's vocabulary (OpenAI's finish_reason: "stop", "length",
 * "tool_calls", …) is not a new value but a gateway's translation bug: a failure naming the
 * Anthropic value meant.
 */
export const stopReasonKnown = defineCheck({
  id: 'stop_reason_known',
  title: 'Unknown or foreign stop_reason',
  source: 'openapi: #/components/schemas/StopReason x-known-values, x-foreign-values',
  profiles: ['full', 'schema'],
  operations: ['messages'],
  when: [requestValid, hasMessage],
  run(ctx, ex) {
    const reason = viewOf(ex).message?.stop_reason;
    if (typeof reason !== 'string' || ctx.contract.knownStopReasons.includes(reason)) return [];
    const meant = Object.hasOwn(ctx.contract.foreignStopReasons, reason)
      ? ctx.contract.foreignStopReasons[reason]
      : undefined;
    if (meant)
      return [
        {
          detail: `Received: stop_reason ${JSON.stringify(reason)}, another API's vocabulary (OpenAI's finish_reason), not a new value\nExpected: the Anthropic value: ${meant}`,
          key: `foreign_${reason}`,
        },
      ];
    return [
      {
        detail: `Received: stop_reason ${JSON.stringify(reason)}\nKnown: ${ctx.contract.knownStopReasons.join(', ')}`,
        key: reason,
        severity: 'warning',
      },
    ];
  },
});
