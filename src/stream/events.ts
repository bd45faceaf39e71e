/** SSE frames to typed stream events: the JSON of each `data:` line, with its frame kept. */
import type { SseEvent } from './sse';

export interface StreamEvent {
  /** Position in the stream (0-based), for messages. */
  n: number;
  /** The `event:` name, if the frame had one. */
  name?: string;
  /** The parsed data, or undefined when it is not JSON. */
  data?: Record<string, unknown>;
  /** Why the data did not parse, if it did not. */
  parseError?: string;
  frame: SseEvent;
}

export function toStreamEvents(frames: SseEvent[]): StreamEvent[] {
  return frames.map((frame, n) => {
    try {
      const data = JSON.parse(frame.data) as unknown;
      if (typeof data !== 'object' || data === null || Array.isArray(data))
        return { n, name: frame.event, parseError: 'data is not a JSON object', frame };
      return { n, name: frame.event, data: data as Record<string, unknown>, frame };
    } catch (e) {
      return { n, name: frame.event, parseError: (e as Error).message, frame };
    }
  });
}

/** The event types the stream grammar knows; others are tolerated (https://docs.claude.com/en/docs/build-with-claude/streaming). */
export const KNOWN_EVENT_TYPES = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
]);
