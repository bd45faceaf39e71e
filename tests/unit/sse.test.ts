/** SSE decoding over eventsource-parser: the wire quirks a stream may have, named after them. */
import { createSseDecoder, parseSse, type SseEvent } from '../../src/stream/sse';

const frames = 'event: message_start\ndata: {"type":"message_start"}\n\nevent: ping\ndata: {"type": "ping"}\n\n';

function decodeInChunks(bytes: Buffer, size: number): { events: SseEvent[]; trailing: string } {
  const events: SseEvent[] = [];
  const d = createSseDecoder((e) => events.push(e));
  for (let i = 0; i < bytes.length; i += size) d.push(bytes.subarray(i, i + size));
  return { events, trailing: d.end() };
}

test('LF frames', () => {
  expect(parseSse(frames).events.map((e) => [e.event, e.data])).toEqual([
    ['message_start', '{"type":"message_start"}'],
    ['ping', '{"type": "ping"}'],
  ]);
});

test('CRLF line endings', () => {
  expect(parseSse(frames.replace(/\n/g, '\r\n')).events.map((e) => e.event)).toEqual(['message_start', 'ping']);
});

test('chunks split inside a line and inside a multi-byte character', () => {
  const text = 'event: content_block_delta\ndata: {"delta":{"text":"héllo 👩‍👩‍👧 你好"}}\n\n';
  for (const size of [1, 2, 3, 5, 7]) {
    const { events, trailing } = decodeInChunks(Buffer.from(text, 'utf8'), size);
    expect(JSON.parse(events[0]!.data).delta.text).toBe('héllo 👩‍👩‍👧 你好');
    expect(trailing).toBe('');
  }
});

test('data without event line keeps event undefined (the framing check reports it)', () => {
  expect(parseSse('data: {"type":"ping"}\n\n').events[0]!.event).toBeUndefined();
});

test('a stream cut inside a frame leaves the unterminated text as trailing', () => {
  const { events, trailing } = parseSse(`${frames}event: message_stop\ndata: {"type":"mess`);
  expect(events).toHaveLength(2);
  expect(trailing).toContain('message_stop');
});

test('JSON padded with spaces stays intact', () => {
  expect(
    JSON.parse(
      parseSse('event: content_block_stop\ndata: {"type":"content_block_stop","index":0      }\n\n').events[0]!.data,
    ),
  ).toEqual({ type: 'content_block_stop', index: 0 });
});
