import { defineCheck, type Finding } from './failure';
import { hasMessage, isSse, requestValid } from './conditions';
import type { Exchange } from '../http/exchange';
import { requestBody } from '../http/exchange';
import { viewOf } from './view';

/**
 * In a stream a tool_use block starts with `input: {}` and its input comes as input_json_delta
 * pieces, joined and parsed at content_block_stop (https://docs.anthropic.com/en/docs/build-with-claude/streaming;
 * recorded: the first piece of all 244 recorded tool_use blocks is `""`, the rest carry the input).
 * Per tool_use block: whether any piece carried input, and what content_block_start said.
 */
function streamedToolInputs(
  ex: Exchange,
): Array<{ index: number; id: unknown; name: unknown; joined: string; startInput: unknown }> {
  const events = viewOf(ex).events ?? [];
  const blocks = new Map<number, { index: number; id: unknown; name: unknown; joined: string; startInput: unknown }>();
  for (const e of events) {
    const d = e.data;
    if (d?.type === 'content_block_start' && (d.content_block as { type?: unknown } | undefined)?.type === 'tool_use') {
      const b = d.content_block as { id?: unknown; name?: unknown; input?: unknown };
      blocks.set(Number(d.index), { index: Number(d.index), id: b.id, name: b.name, joined: '', startInput: b.input });
    } else if (
      d?.type === 'content_block_delta' &&
      (d.delta as { type?: unknown } | undefined)?.type === 'input_json_delta'
    ) {
      const b = blocks.get(Number(d.index));
      if (b) b.joined += String((d.delta as { partial_json?: unknown }).partial_json ?? '');
    }
  }
  return [...blocks.values()];
}

const nonEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && Object.keys(v).length > 0;

/** The streamed tool_use blocks whose input never came as input_json_delta although it cannot be empty. */
export function inputNeverStreamed(
  ex: Exchange,
): Array<ReturnType<typeof streamedToolInputs>[number] & { required: string[] }> {
  const tools = (requestBody(ex)?.tools ?? []) as Array<{ name?: unknown; input_schema?: { required?: unknown } }>;
  return streamedToolInputs(ex)
    .filter((b) => b.joined.trim() === '')
    .map((b) => {
      const required = tools.find((t) => t.name === b.name)?.input_schema?.required;
      return { ...b, required: Array.isArray(required) ? required.map(String) : [] };
    })
    .filter((b) => b.required.length > 0 || nonEmptyObject(b.startInput));
}

/**
 * Tool streaming: a streamed call's input arrives as input_json_delta. A stream whose tool_use got
 * no input piece although its tool requires parameters (or whose input came only in
 * content_block_start) leaves every client that joins the pieces, the SDKs' stream helpers
 * included, with an input of `{}`: the input_json_deltas were dropped.
 */
export const toolInputStreamed = defineCheck({
  id: 'tool_input_streamed',
  title: 'Streamed tool input lost (no input_json_delta)',
  source:
    'https://docs.anthropic.com/en/docs/build-with-claude/streaming (input_json_delta: the tool_use input, in pieces); anthropic-sdk-typescript src/lib/MessageStream.ts',
  profiles: ['full'],
  operations: ['messages'],
  when: [isSse, requestValid, hasMessage],
  run(_ctx, ex) {
    return inputNeverStreamed(ex).map((b): Finding => ({
      detail: `Received: tool_use block ${b.index} (${String(b.name)}, id ${String(b.id)}) with no input_json_delta piece carrying input; content_block_start said input ${JSON.stringify(b.startInput)}\nExpected: the input as input_json_delta pieces${b.required.length ? ` (the tool requires ${b.required.join(', ')})` : ''}: a client joining the pieces gets {}`,
      key: 'no_input_json_delta',
    }));
  },
});
