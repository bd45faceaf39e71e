import Ajv, { type ValidateFunction } from 'ajv';
import { hasMessage, requestValid } from './conditions';
import { defineCheck, type Finding } from './failure';
import { requestBody } from '../http/exchange';
import { blocksOf, viewOf } from './view';
import { inputNeverStreamed } from './tool-input-streamed';

const ajv = new Ajv({ strict: false, allErrors: true });
const compiled = new Map<string, ValidateFunction>();
/** A tool's input_schema compiled once per run (the same tools come back in many requests). */
function validatorFor(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) compiled.set(key, (fn = ajv.compile(schema)));
  return fn;
}

type Tool = { name?: unknown; input_schema?: unknown; type?: unknown };

/**
 * What no conformant answer can do with tools (https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/resources/messages/messages.ts ToolChoice; https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons):
 * a forced tool (`tool` / `any`) not called, a tool called under `none`, a tool_use block without
 * stop_reason "tool_use" (or the reverse), a call to a tool that was not offered, or an input that
 * does not validate against the tool's input_schema. A reply cut by max_tokens is exempt from the
 * forced-call rule (it may stop before the call).
 */
export const toolChoiceHonoured = defineCheck({
  id: 'tool_choice_honoured',
  title: 'Tool use does not follow the request',
  source:
    'https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use (forcing tool use); https://docs.anthropic.com/en/api/messages (stop_reason)',
  profiles: ['full'],
  operations: ['messages'],
  when: [requestValid, hasMessage],
  run(_ctx, ex) {
    const message = viewOf(ex).message;
    const body = requestBody(ex);
    if (!message || !body) return [];
    const tools = (Array.isArray(body.tools) ? body.tools : []) as Tool[];
    const choice = body.tool_choice as { type?: string; name?: string } | undefined;
    const calls = blocksOf(message).filter((b) => b.type === 'tool_use');
    const reason = message.stop_reason;
    const findings: Finding[] = [];
    const cut = reason === 'max_tokens';

    if (calls.length > 0 && reason !== 'tool_use' && !cut && reason !== 'pause_turn')
      findings.push({
        detail: `Received: ${calls.length} tool_use block(s) with stop_reason ${JSON.stringify(reason)}\nExpected: stop_reason "tool_use"`,
        key: 'stop_reason',
      });
    if (calls.length === 0 && reason === 'tool_use')
      findings.push({
        detail: 'Received: stop_reason "tool_use" with no tool_use block in content\nExpected: a tool_use block',
        key: 'no_block',
      });
    if (choice?.type === 'none' && calls.length > 0)
      findings.push({
        detail: `Received: a call to ${JSON.stringify(calls[0]!.name)} under tool_choice {"type":"none"}\nExpected: no tool_use block`,
        key: 'none',
      });
    if (!cut && (choice?.type === 'any' || choice?.type === 'tool') && calls.length === 0)
      findings.push({
        detail: `Received: no tool_use block under tool_choice ${JSON.stringify(choice)} (stop_reason ${JSON.stringify(reason)})\nExpected: a call to ${choice.type === 'tool' ? JSON.stringify(choice.name) : 'one of the tools'}`,
        key: 'forced_not_called',
      });
    if (choice?.type === 'tool' && calls.length > 0 && !calls.some((c) => c.name === choice.name))
      findings.push({
        detail: `Received: calls to ${JSON.stringify(calls.map((c) => c.name))}\nExpected: a call to ${JSON.stringify(choice.name)} (tool_choice type "tool")`,
        key: 'wrong_tool',
      });

    const customTools = new Map(tools.filter((t) => t.input_schema !== undefined).map((t) => [t.name, t]));
    // A streamed input that never came as input_json_delta is tool_input_streamed's finding.
    const lost = new Set(ex.response?.events ? inputNeverStreamed(ex).map((b) => b.id) : []);
    for (const call of calls) {
      const tool = customTools.get(call.name);
      if (!tool) {
        // Server tools (web_search, …) come as server_tool_use, so every tool_use names a custom tool.
        if (tools.length > 0 && !tools.some((t) => t.name === call.name))
          findings.push({
            detail: `Received: a call to ${JSON.stringify(call.name)}\nExpected: one of the offered tools ${JSON.stringify(tools.map((t) => t.name))}`,
            key: 'unknown_tool',
          });
        continue;
      }
      if (cut || lost.has(call.id)) continue; // a cut call may carry a partial input
      const validate = validatorFor(tool.input_schema as object);
      if (!validate(call.input))
        findings.push({
          detail: `Received: ${JSON.stringify(call.name)} called with input ${JSON.stringify(call.input).slice(0, 300)}\nExpected: input valid against the tool's input_schema: ${ajv.errorsText(validate.errors)}`,
          key: 'input_schema',
        });
    }
    return findings;
  },
});
