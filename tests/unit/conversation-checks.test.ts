/**
 * The conversation checks on hand-made answers, for what no fixture server shows: a tool input put
 * only in content_block_start, recorded-style tool streams (first piece empty), and a prefilled
 * answer that starts over.
 */
import { loadContract } from '../../src/contract/spec';
import { runChecks } from '../../src/checks/registry';
import type { CheckContext } from '../../src/checks/failure';
import type { Exchange, RequestCase } from '../../src/http/exchange';
import type { SseEvent } from '../../src/stream/sse';

let ctx: CheckContext;
beforeAll(async () => {
  ctx = { contract: await loadContract(), profile: 'full' };
});

const weather = {
  name: 'get_weather',
  description: 'Weather.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function exchange(c: Partial<RequestCase>, res: { json?: unknown; events?: Array<Record<string, unknown>> }): Exchange {
  const body = c.body as Record<string, unknown>;
  const events: SseEvent[] | undefined = res.events?.map(
    (data) =>
      ({
        event: String(data.type),
        data: JSON.stringify(data),
        raw: `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`,
      }) as SseEvent,
  );
  return {
    case: {
      name: 'conversation/test',
      operation: 'messages',
      body,
      meta: { mode: 'semantic', expect: { status: 200 } },
      ...c,
    },
    request: { method: 'POST', url: 'http://127.0.0.1:1/v1/messages', headers: {}, body: JSON.stringify(body) },
    response: {
      status: 200,
      headers: {
        'content-type': events ? 'text/event-stream; charset=utf-8' : 'application/json',
        'request-id': 'req_01',
      },
      text: res.json ? JSON.stringify(res.json) : '',
      json: res.json,
      events,
    },
    retried: [],
    unavailable: false,
    durationMs: 1,
  };
}

const start = {
  type: 'message_start',
  message: {
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 20, output_tokens: 1 },
  },
};
const toolStream = (startInput: Record<string, unknown>, pieces: string[]) => [
  start,
  {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: startInput },
  },
  ...pieces.map((partial_json) => ({
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'input_json_delta', partial_json },
  })),
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } },
  { type: 'message_stop' },
];
const forced = {
  model: 'm',
  max_tokens: 64,
  stream: true,
  tools: [weather],
  tool_choice: { type: 'tool', name: 'get_weather' },
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
};
const keys = (ex: Exchange) => runChecks(ctx, ex).map((f) => f.key);

describe('tool_input_streamed', () => {
  test('the input as pieces after an empty first one (as recorded): nothing to report', () => {
    expect(keys(exchange({ body: forced }, { events: toolStream({}, ['', '{"ci', 'ty": "Paris"}']) }))).toEqual([]);
  });

  test('the input only in content_block_start, no piece: lost for clients that join the pieces', () => {
    const found = runChecks(ctx, exchange({ body: forced }, { events: toolStream({ city: 'Paris' }, []) }));
    expect(found.map((f) => f.key)).toEqual(['tool_input_streamed:no_input_json_delta']);
    expect(found[0]!.detail).toMatch(/content_block_start said input \{"city":"Paris"\}/);
  });

  test('no piece for a tool that requires parameters: reported once, by this check alone (not as an invalid input)', () => {
    expect(keys(exchange({ body: forced }, { events: toolStream({}, ['']) }))).toEqual([
      'tool_input_streamed:no_input_json_delta',
    ]);
  });

  test('no piece for a tool without parameters: {} is its input', () => {
    const body = { ...forced, tools: [{ ...weather, input_schema: { type: 'object', properties: {} } }] };
    expect(keys(exchange({ body }, { events: toolStream({}, []) }))).toEqual([]);
  });
});

describe('prefill_continued', () => {
  const prefill = {
    model: 'm',
    max_tokens: 16,
    messages: [
      { role: 'user', content: 'Name three colours.' },
      { role: 'assistant', content: 'Red,' },
    ],
  };
  const meta = {
    mode: 'conversation' as const,
    expect: { status: 200 },
    conversation: { sequence: 'prefill', form: 'json' as const, step: 'continue', index: 1, transcript: [] },
  };
  const answer = (text: string) => ({
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 4 },
  });

  test('a continuation: nothing to report', () => {
    expect(keys(exchange({ body: prefill, meta }, { json: answer(' Green, Blue') }))).toEqual([]);
  });

  test('an answer that starts with the prefilled text again: a warning (the final assistant turn dropped?)', () => {
    const found = runChecks(ctx, exchange({ body: prefill, meta }, { json: answer('Red, Green, Blue') }));
    expect(found.map((f) => [f.key, f.severity])).toEqual([['prefill_continued:restarted', 'warning']]);
  });
});
