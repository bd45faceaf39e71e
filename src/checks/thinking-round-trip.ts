import { defineCheck } from './failure';
import { hasResponse } from './conditions';
import { isStep, notAccepted, stepName, stepOf } from './conversation-step';

/**
 * Thinking goes back as it came: the answer's thinking blocks sent back byte for byte with the
 * tool_use, then its tool_result, is a valid request (the docs require the blocks back unchanged:
 * https://platform.claude.com/docs/en/build-with-claude/extended-thinking). A gateway that empties or
 * rewrites the signature on the way makes the API refuse it. The same turn with one signature
 * character changed should be refused; neither the facts nor recorded traffic show the API's answer
 * (public reports quote a 400 "Invalid `signature` in `thinking` block"), so accepting it is a
 * warning marked unverified.
 */
export const thinkingRoundTrip = defineCheck({
  id: 'thinking_round_trip',
  title: 'Thinking round trip broken',
  source:
    'https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking (preserving thinking blocks with tool use; signature)',
  profiles: ['full'],
  operations: ['messages'],
  when: [hasResponse, isStep('thinking_round_trip', ['round_trip', 'altered_signature'])],
  run(ctx, ex) {
    const step = stepOf(ex)!;
    if (step.step === 'round_trip')
      return notAccepted(
        ctx,
        ex,
        'the thinking blocks went back byte for byte as the target answered them: a refused signature means something between changed them (a gateway that rewrites or empties thinking blocks), or the target cannot verify its own',
      );
    const status = ex.response!.status;
    if (status === 400) return [];
    return [
      {
        detail: `Received: ${status} to ${stepName(step)}\nExpected: 400 invalid_request_error: a thinking signature that was changed cannot be verified\nUnverified expectation, not counted as a failure: ${ex.case.meta?.unverified ?? ''}`,
        key: `unverified:altered_signature:${status}`,
        severity: 'warning',
      },
    ];
  },
});
