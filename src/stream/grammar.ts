/**
 * The event order of a Messages stream, as a state machine (https://docs.claude.com/en/docs/build-with-claude/streaming):
 *   message_start block* message_delta+ message_stop   (ping anywhere; error may end it)
 *   block := content_block_start content_block_delta* content_block_stop
 * `index` is the block's position in the final content. Unknown event types are tolerated.
 * A delta must fit its block's kind (deltaViolations): the SDK silently drops one that does not.
 */
import type { StreamEvent } from './events';
import { KNOWN_EVENT_TYPES } from './events';

export interface GrammarViolation {
  /** The event at fault (its position), or -1 for the end of the stream. */
  n: number;
  rule: string;
  message: string;
}

export interface GrammarResult {
  violations: GrammarViolation[];
  /** The stream carried an `error` event (the API failing after the 200 line). */
  errorEvent?: StreamEvent;
  /** `message_start` was seen. */
  started: boolean;
  /** `message_stop` was seen. */
  stopped: boolean;
}

export function checkGrammar(events: StreamEvent[]): GrammarResult {
  const violations: GrammarViolation[] = [];
  const v = (n: number, rule: string, message: string) => violations.push({ n, rule, message });
  const open = new Map<number, string>(); // index -> block type
  let started = false;
  let stopped = false;
  let blocks = 0;
  let deltas = 0;
  let errorEvent: StreamEvent | undefined;

  for (const e of events) {
    const type = e.data?.type;
    if (typeof type !== 'string' || !KNOWN_EVENT_TYPES.has(type) || type === 'ping') continue;
    if (errorEvent) {
      v(e.n, 'nothing_after_error', `${type} after the error event that ended the stream`);
      continue;
    }
    if (type === 'error') {
      errorEvent = e;
      continue;
    }
    if (stopped) {
      v(e.n, 'nothing_after_message_stop', `${type} after message_stop`);
      continue;
    }
    if (type === 'message_start') {
      if (started) v(e.n, 'one_message_start', 'a second message_start');
      else if (
        e.n > 0 &&
        events.slice(0, e.n).some((p) => p.data?.type !== 'ping' && KNOWN_EVENT_TYPES.has(String(p.data?.type)))
      )
        v(e.n, 'message_start_first', 'message_start is not the first event');
      started = true;
      continue;
    }
    if (!started) {
      v(e.n, 'message_start_first', `${type} before message_start`);
      started = true; // report once, then check the rest
    }
    const index = e.data?.index;
    switch (type) {
      case 'content_block_start': {
        if (deltas > 0) v(e.n, 'blocks_before_message_delta', 'content_block_start after message_delta');
        if (index !== blocks)
          v(
            e.n,
            'block_index_in_order',
            `content_block_start has index ${String(index)}, expected ${blocks} (the block's position in content)`,
          );
        const block = e.data?.content_block as { type?: unknown } | undefined;
        open.set(Number(index), String(block?.type));
        blocks += 1;
        break;
      }
      case 'content_block_delta': {
        const blockType = open.get(Number(index));
        if (blockType === undefined) {
          v(e.n, 'delta_in_open_block', `content_block_delta for index ${String(index)}, which is not open`);
          break;
        }
        break; // whether the delta fits its block: deltaViolations, with the spec's x-delta-types
      }
      case 'content_block_stop':
        if (!open.delete(Number(index)))
          v(e.n, 'stop_open_block', `content_block_stop for index ${String(index)}, which is not open`);
        break;
      case 'message_delta':
        if (open.size)
          v(
            e.n,
            'blocks_closed_before_message_delta',
            `message_delta while block(s) ${[...open.keys()].join(', ')} are open`,
          );
        deltas += 1;
        break;
      case 'message_stop':
        if (deltas === 0) v(e.n, 'message_delta_before_stop', 'message_stop without a message_delta before it');
        stopped = true;
        break;
    }
  }
  if (!errorEvent) {
    if (!started) v(-1, 'message_start_first', 'the stream has no message_start');
    else if (!stopped) v(-1, 'ends_with_message_stop', 'the stream ended without message_stop');
  }
  return { violations, errorEvent, started, stopped };
}

/**
 * Deltas a block cannot take. `deltaTypes` maps a block kind to the delta types it takes (the
 * spec's `x-delta-types`); inside a kind listed there, any other delta type, known or new, is a
 * violation: the official SDK's accumulator applies only those, so the content would be lost (a
 * `"text"` delta in a text block leaves the text empty). Kinds not listed take anything.
 */
export function deltaViolations(events: StreamEvent[], deltaTypes: Record<string, string[]>): GrammarViolation[] {
  const kinds = new Map<number, string>();
  const out: GrammarViolation[] = [];
  for (const e of events) {
    const d = e.data;
    if (d?.type === 'content_block_start')
      kinds.set(Number(d.index), String((d.content_block as { type?: unknown } | undefined)?.type));
    if (d?.type !== 'content_block_delta') continue;
    const kind = kinds.get(Number(d.index));
    const allowed = kind === undefined ? undefined : deltaTypes[kind];
    const deltaType = String((d.delta as { type?: unknown } | undefined)?.type);
    if (!allowed || allowed.includes(deltaType)) continue;
    const takes = allowed.length
      ? `takes ${allowed.join(', ')}`
      : 'takes no deltas: it arrives whole in content_block_start';
    out.push({
      n: e.n,
      rule: 'delta_matches_block',
      message: `${deltaType} sent to block ${String(d.index)}, a ${kind} block (${takes}); the SDK drops it and the content is lost`,
    });
  }
  return out;
}
