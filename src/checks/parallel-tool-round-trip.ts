import { defineCheck, type Finding } from './failure';
import { hasResponse } from './conditions';
import { isStep, notAccepted } from './conversation-step';
import { blocksOf, viewOf } from './view';

/**
 * Parallel tool calls come and go back whole: each tool_use of one answer has its own id (the
 * tool_result names it: https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls),
 * and the user turn answering every call, in the order called, is accepted. A gateway that passes
 * on only the first tool_result makes the API refuse the turn.
 */
export const parallelToolRoundTrip = defineCheck({
  id: 'parallel_tool_round_trip',
  title: 'Parallel tool calls not answered whole',
  source:
    'https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use (parallel tool use: every tool_result in one user message)',
  profiles: ['full'],
  operations: ['messages'],
  when: [hasResponse, isStep('parallel_tools', ['call', 'results'])],
  run(ctx, ex) {
    if (ex.case.meta!.conversation!.step === 'results')
      return notAccepted(
        ctx,
        ex,
        'every tool_use of the answer was answered in one user turn, in the order called: a refusal (tool_use ids "without tool_result blocks") means some of the results never reached the API as sent',
      );
    const message = viewOf(ex).message;
    if (!message) return [];
    const ids = blocksOf(message)
      .filter((b) => b.type === 'tool_use')
      .map((b) => b.id);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    const findings: Finding[] = [];
    if (repeated.length)
      findings.push({
        detail: `Received: tool_use ids ${JSON.stringify(ids)}, ${JSON.stringify(repeated[0])} more than once\nExpected: a distinct id per call (each tool_result names the call it answers)`,
        key: 'ids_distinct',
      });
    return findings;
  },
});
