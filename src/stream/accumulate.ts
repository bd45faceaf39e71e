/**
 * Folds stream events into the Message they describe, as the SDK's MessageStream does: text and
 * thinking deltas appended, `partial_json` pieces joined and parsed when the block stops, and
 * `message_delta` overwriting stop_reason, stop_sequence and the usage counters it carries (whose
 * output_tokens may only grow, tests/fixtures/recorded/README.md "Stream payloads").
 * Only events the grammar accepts are expected here; what cannot be applied is reported.
 */
import type { StreamEvent } from './events';
import { MAX_NESTING, nestingDepth } from '../contract/spec';

export interface Accumulated {
  message?: Record<string, unknown>;
  problems: Array<{ n: number; message: string }>;
}

type Block = Record<string, unknown>;

export function accumulate(events: StreamEvent[]): Accumulated {
  const problems: Accumulated['problems'] = [];
  let message: Record<string, unknown> | undefined;
  const json = new Map<number, string>();
  // A hostile event nested past MAX_NESTING would overflow structuredClone: reported, not applied.
  const clone = (n: number, value: unknown): Block | undefined => {
    if (nestingDepth(value) <= MAX_NESTING) return structuredClone(value) as Block;
    problems.push({ n, message: `the event's data is nested more than ${MAX_NESTING} levels deep: not applied` });
    return undefined;
  };
  for (const e of events) {
    const d = e.data;
    if (!d) continue;
    if (d.type === 'message_start' && !message && typeof d.message === 'object' && d.message) {
      message = clone(e.n, d.message);
      if (message && !Array.isArray(message.content)) message.content = [];
      continue;
    }
    if (!message) continue;
    const content = message.content as Block[];
    const index = Number(d.index);
    switch (d.type) {
      case 'content_block_start':
        content[index] = clone(e.n, d.content_block) ?? {};
        break;
      case 'content_block_delta': {
        const block = content[index];
        const delta = d.delta as Record<string, unknown> | undefined;
        if (!block || !delta) break;
        if (delta.type === 'text_delta') block.text = String(block.text ?? '') + String(delta.text ?? '');
        else if (delta.type === 'thinking_delta')
          block.thinking = String(block.thinking ?? '') + String(delta.thinking ?? '');
        else if (delta.type === 'signature_delta') block.signature = delta.signature;
        else if (delta.type === 'citations_delta')
          block.citations = [...((block.citations as unknown[]) ?? []), delta.citation];
        else if (delta.type === 'input_json_delta')
          json.set(index, (json.get(index) ?? '') + String(delta.partial_json ?? ''));
        break;
      }
      case 'content_block_stop': {
        const text = json.get(index);
        const block = content[index];
        // All-empty pieces leave the start block's input ({}) as it is, as the SDK does (a tool with no parameters).
        if (text === undefined || text === '' || !block) break;
        try {
          const input = JSON.parse(text) as unknown;
          if (typeof input !== 'object' || input === null || Array.isArray(input))
            problems.push({
              n: e.n,
              message: `block ${index}: the joined partial_json is not a JSON object: ${text.slice(0, 200)}`,
            });
          block.input = input;
        } catch (err) {
          problems.push({
            n: e.n,
            message: `block ${index}: the joined partial_json does not parse (${(err as Error).message}): ${text.slice(0, 200)}`,
          });
        }
        break;
      }
      case 'message_delta': {
        const delta = (d.delta ?? {}) as Record<string, unknown>;
        for (const k of Object.keys(delta)) message[k] = delta[k];
        const usage = (d.usage ?? {}) as Record<string, unknown>;
        const into = (message.usage ??= {}) as Record<string, unknown>;
        // output_tokens is cumulative: it never goes down (held in every recorded stream).
        if (
          typeof usage.output_tokens === 'number' &&
          typeof into.output_tokens === 'number' &&
          usage.output_tokens < into.output_tokens
        )
          problems.push({
            n: e.n,
            message: `message_delta usage.output_tokens ${usage.output_tokens} is below the ${into.output_tokens} already reported (the count is cumulative)`,
          });
        for (const [k, val] of Object.entries(usage)) if (val !== null && val !== undefined) into[k] = val;
        break;
      }
    }
  }
  return { message, problems };
}
