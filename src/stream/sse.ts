/**
 * SSE framing, decoded by eventsource-parser (CR, LF and CRLF, lines split across chunks). Bytes are
 * decoded with a streaming TextDecoder, so a multi-byte character split between chunks survives.
 * Each event keeps its wire form (`raw`) for failure messages.
 */
import { createParser } from 'eventsource-parser';

export interface SseEvent {
  /** The `event:` field; undefined when the frame had none. */
  event?: string;
  data: string;
  /** The frame as it was on the wire (reconstructed from its fields). */
  raw: string;
  /** Milliseconds since the request, when read live. */
  atMs?: number;
}

export interface SseDecoder {
  /** Feeds bytes (or text) as they arrive. */
  push(chunk: Uint8Array | string): void;
  /** Flushes; returns the text left over that never ended with a blank line (a truncated frame). */
  end(): string;
}

/** No real event comes near this (the largest are server-tool results in a content_block_start). */
const MAX_FRAME_CHARS = 4 * 1024 * 1024;

export function createSseDecoder(onEvent: (e: SseEvent) => void): SseDecoder {
  const decoder = new TextDecoder('utf-8');
  const parser = createParser({
    onEvent(message) {
      const raw = `${message.event !== undefined ? `event: ${message.event}\n` : ''}data: ${message.data}\n\n`;
      onEvent({ event: message.event, data: message.data, raw });
    },
  });
  // The frame still being received, kept in pieces: appending to one long string and searching it
  // copied the whole frame on every chunk.
  let pieces: string[] = [];
  let pendingLength = 0;
  let tail = '';
  let oversized = false;
  const feed = (text: string) => {
    if (oversized) {
      const room = MAX_FRAME_CHARS + 1024 - pendingLength;
      if (room > 0) pieces.push(text.slice(0, room));
      pendingLength += Math.min(room, text.length);
      return;
    }
    // A frame boundary can only end in the new text (or straddle it and the 3 characters before).
    const window = tail + text;
    const cut = lastBlankLineEnd(window);
    if (cut > 0) pieces = [window.slice(cut)];
    else pieces.push(text);
    pendingLength = cut > 0 ? pieces[0]!.length : pendingLength + text.length;
    tail = window.slice(-3);
    // A frame that never ends (a body that is not SSE at all, or a hostile one) is not parsed
    // further: re-scanning an ever longer line would cost time and memory without bound. What was
    // received stays pending, reported as a frame that never completed.
    if (pendingLength > MAX_FRAME_CHARS) oversized = true;
    else parser.feed(text);
  };
  return {
    push(chunk) {
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      feed(decoder.decode());
      // Whatever came after the last blank line never formed a complete frame.
      const pending = pieces.join('');
      return pending.trim() ? pending : '';
    },
  };
}

/** The end of the last blank line (a frame boundary: LF LF, CRLF CRLF or CR CR) in the text, or -1. */
function lastBlankLineEnd(text: string): number {
  const ends = ['\n\n', '\r\n\r\n', '\r\r'].map((sep) => {
    const i = text.lastIndexOf(sep);
    return i < 0 ? -1 : i + sep.length;
  });
  return Math.max(...ends);
}

/** Decodes a whole SSE body at once (recorded streams, buffered responses). */
export function parseSse(text: string): { events: SseEvent[]; trailing: string } {
  const events: SseEvent[] = [];
  const d = createSseDecoder((e) => events.push(e));
  d.push(text);
  return { events, trailing: d.end() };
}
