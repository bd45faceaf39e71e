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
    const blank = /(?:\r\n|\r|\n)(?:\r\n|\r|\n)(?![\s\S]*(?:\r\n|\r|\n)(?:\r\n|\r|\n))/.exec(pending);
    if (blank && blank.index + blank[0].length < pending.length - 1) pending = pending.slice(blank.index + blank[0].length);
    parser.feed(text);
  };
  return {
    push(chunk) {
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      feed(decoder.decode());
      // Whatever was fed after the last dispatched event and is not blank never formed a frame.
      const blank = /(?:\r\n|\r|\n)(?:\r\n|\r|\n)/g;
      let rest = pending;
      for (let m = blank.exec(pending); m; m = blank.exec(pending)) rest = pending.slice(m.index + m[0].length);
      return rest.trim() ? rest : '';
    },
  };
}

/** Decodes a whole SSE body at once (recorded streams, buffered responses). */
export function parseSse(text: string): { events: SseEvent[]; trailing: string } {
  const events: SseEvent[] = [];
  const d = createSseDecoder((e) => events.push(e));
  d.push(text);
  return { events, trailing: d.end() };
}
