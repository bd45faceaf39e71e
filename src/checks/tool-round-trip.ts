import { defineCheck } from './failure';
import { hasResponse } from './conditions';
import { isStep, notAccepted } from './conversation-step';

/**
 * The tool loop goes on: the answer's tool_use sent back unchanged (its id and input), then a user
 * turn whose tool_result answers it (a string; a text block and an image; is_error: true) is a
 * valid request, which every conformant server answers
 * (https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls). A server
 * that refuses it breaks every agent after its first tool call.
 */
export const toolRoundTrip = defineCheck({
  id: 'tool_round_trip',
  title: 'Tool round trip refused',
  source:
    'https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use (tool_result content: a string or text and image blocks; is_error)',
  profiles: ['full'],
  operations: ['messages'],
  when: [hasResponse, isStep('tool_loop', ['result_string', 'result_text_and_image', 'result_is_error'])],
  run: (ctx, ex) =>
    notAccepted(
      ctx,
      ex,
      'the assistant turn went back as the target answered it, and the tool_result answers its tool_use by id: a server (or a gateway in front of it) that refuses this cannot finish any tool call',
    ),
});
