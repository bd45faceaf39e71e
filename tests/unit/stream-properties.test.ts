/**
 * Property tests of the stream checks on the wire: every legal way of sending a conformant stream
 * (any chunking, CRLF, JSON padded with spaces, pings and unknown events anywhere after
 * message_start) passes with no finding, and every single grammar-breaking mutation is caught.
 */
import fc from 'fast-check';
import { loadContract, type Contract } from '../../src/contract/spec';
import { runChecks } from '../../src/checks/registry';
import { reply } from '../../src/mock/reply';
import { toEvents, type MockEvent } from '../../src/mock/stream';
import { createSseDecoder, type SseEvent } from '../../src/stream/sse';
import type { Exchange } from '../../src/http/exchange';

jest.setTimeout(60_000);
let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const tool = {
  name: 'get_weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const BODIES: Array<Record<string, unknown>> = [
  {
    model: 'claude-sonnet-4-20250514',
    max_tokens: 64,
    stream: true,
    messages: [{ role: 'user', content: 'héllo 👩‍👩‍👧 你好, a longer text to split' }],
  },
  {
    model: 'claude-sonnet-4-20250514',
    max_tokens: 64,
    stream: true,
    messages: [{ role: 'user', content: 'weather?' }],
    tools: [tool],
    tool_choice: { type: 'tool', name: 'get_weather' },
  },
  {
    model: 'claude-sonnet-4-20250514',
    max_tokens: 1100,
    stream: true,
    messages: [{ role: 'user', content: 'think' }],
    thinking: { type: 'enabled', budget_tokens: 1024 },
  },
];

interface Wire {
  body: number;
  crlf: boolean;
  padding: number[];
  extras: Array<'ping' | 'unknown' | 'none'>;
  chunk: number;
}

const wire = fc.record({
  body: fc.integer({ min: 0, max: BODIES.length - 1 }),
  crlf: fc.boolean(),
  padding: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 40, maxLength: 40 }),
  extras: fc.array(fc.constantFrom('ping' as const, 'unknown' as const, 'none' as const, 'none' as const), {
    minLength: 40,
    maxLength: 40,
  }),
  chunk: fc.integer({ min: 1, max: 64 }),
});

function render(events: MockEvent[], w: Wire): string {
  const nl = w.crlf ? '\r\n' : '\n';
  const out: string[] = [];
  events.forEach((e, i) => {
    const json = JSON.stringify(e.data);
    const padded = `${json.slice(0, -1)}${' '.repeat(w.padding[i % 40]!)}}`;
    out.push(`event: ${e.event}${nl}data: ${padded}${nl}${nl}`);
    const extra = w.extras[i % 40];
    if (extra === 'ping') out.push(`event: ping${nl}data: {"type": "ping"}${nl}${nl}`);
    if (extra === 'unknown') out.push(`event: future_event${nl}data: {"type":"future_event","x":1}${nl}${nl}`);
  });
  return out.join('');
}

function exchangeOf(body: Record<string, unknown>, text: string, chunk: number): Exchange {
  const events: SseEvent[] = [];
  const decoder = createSseDecoder((e) => events.push(e));
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunk) decoder.push(bytes.subarray(i, i + chunk));
  const trailing = decoder.end();
  return {
    case: { name: 'property', operation: 'messages', body, meta: { mode: 'stream', expect: { status: 200 } } },
    request: { method: 'POST', url: 'http://x/v1/messages', headers: {}, body: JSON.stringify(body) },
    response: {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_1' },
      text,
      events,
      sseTrailing: trailing || undefined,
    },
    retried: [],
    unavailable: false,
    durationMs: 0,
  };
}

const errors = (ex: Exchange) => runChecks({ contract, profile: 'full' }, ex).filter((f) => f.severity === 'error');

test('no false alarm: any chunking, CRLF, padding, pings and unknown events', () => {
  fc.assert(
    fc.property(wire, (w) => {
      const body = BODIES[w.body]!;
      const ex = exchangeOf(body, render(toEvents(reply(body).message), w), w.chunk);
      expect(errors(ex).map((f) => `${f.checkId}: ${f.detail}`)).toEqual([]);
    }),
    { seed: 11, numRuns: 300 },
  );
});

type Mutation = (events: MockEvent[]) => MockEvent[];
const at = (type: string, events: MockEvent[]) => events.findIndex((e) => e.event === type);
const MUTATIONS: Record<string, Mutation> = {
  drop_message_start: (ev) => ev.filter((e) => e.event !== 'message_start'),
  drop_message_stop: (ev) => ev.filter((e) => e.event !== 'message_stop'),
  drop_message_delta: (ev) => ev.filter((e) => e.event !== 'message_delta'),
  drop_first_block_stop: (ev) => ev.filter((_, i) => i !== at('content_block_stop', ev)),
  drop_first_block_start: (ev) => ev.filter((_, i) => i !== at('content_block_start', ev)),
  duplicate_message_start: (ev) => [ev[0]!, ...ev],
  stop_before_delta: (ev) => {
    const stop = ev.find((e) => e.event === 'message_stop')!;
    const rest = ev.filter((e) => e !== stop);
    return [...rest.slice(0, at('message_delta', rest)), stop, ...rest.slice(at('message_delta', rest))];
  },
  wrong_block_index: (ev) =>
    ev.map((e, i) => (i === at('content_block_start', ev) ? { ...e, data: { ...e.data, index: 7 } } : e)),
  event_name_differs: (ev) =>
    ev.map((e, i) => (i === at('content_block_stop', ev) ? { ...e, event: 'content_block_delta' } : e)),
  bad_stop_reason_type: (ev) =>
    ev.map((e) =>
      e.event === 'message_delta' ? { ...e, data: { ...e.data, delta: { stop_reason: 42, stop_sequence: null } } } : e,
    ),
};

test.each(Object.keys(MUTATIONS))('every stream with %s is caught, however it is sent', (name) => {
  fc.assert(
    fc.property(wire, (w) => {
      const body = BODIES[w.body]!;
      const ex = exchangeOf(body, render(MUTATIONS[name]!(toEvents(reply(body).message)), w), w.chunk);
      expect(errors(ex).length).toBeGreaterThan(0);
    }),
    { seed: 12, numRuns: 60 },
  );
});

test('a stream cut inside a frame is caught', () => {
  const body = BODIES[0]!;
  const text = render(toEvents(reply(body).message), {
    body: 0,
    crlf: false,
    padding: Array(40).fill(0),
    extras: Array(40).fill('none'),
    chunk: 5,
  });
  const ex = exchangeOf(body, text.slice(0, text.length - 5), 5);
  expect(errors(ex).map((f) => f.checkId)).toEqual(expect.arrayContaining(['sse_framing', 'stream_grammar']));
});
