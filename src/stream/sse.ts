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

export function createSseDecoder(onEvent: (e: SseEvent) => void): SseDecoder {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  const parser = createParser({
    onEvent(message) {
      const raw = `${message.event !== undefined ? `event: ${message.event}\n` : ''}data: ${message.data}\n\n`;
      onEvent({ event: message.event, data: message.data, raw });
    },
  });
  const feed = (text: string) => {
    // Keep only what follows the last blank line: the frame still being received.
    pending += text;
    const cut = lastBlankLineEnd(pending);
    if (cut > 0) pending = pending.slice(cut);
    parser.feed(text);
  };
  return {
    push(chunk) {
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      feed(decoder.decode());
      // Whatever came after the last blank line never formed a complete frame.
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
