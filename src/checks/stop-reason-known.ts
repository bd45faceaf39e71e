import { hasMessage, requestValid } from './conditions';
import type { Check } from './failure';
import { viewOf } from './view';

/**
 * stop_reason is an open string (new values appear, https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons), so an unknown one is a warning to
 * look at, never a failure.
 */
export const stopReasonKnown: Check = {
  id: 'stop_reason_known',
  title: 'Unknown stop_reason',
  source: 'openapi: #/components/schemas/StopReason x-known-values',
  profiles: ['full', 'schema'],
  when: [requestValid, hasMessage],
  run(ctx, ex) {
    const reason = viewOf(ex).message?.stop_reason;
    if (typeof reason !== 'string' || ctx.contract.knownStopReasons.includes(reason)) return [];
    return [{ detail: `Received: stop_reason ${JSON.stringify(reason)}\nKnown: ${ctx.contract.knownStopReasons.join(', ')}`, key: reason, severity: 'warning' }];
  },
};
