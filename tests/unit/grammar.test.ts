/** The stream grammar, rule by rule: each violation is named, and what the API allows passes. */
import { checkGrammar, deltaViolations } from '../../src/stream/grammar';
import { toStreamEvents } from '../../src/stream/events';

type D = Record<string, unknown>;
const ev = (data: D) => ({ event: String(data.type), data: JSON.stringify(data), raw: '' });
const start = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    content: [],
    model: 'm',
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  },
};
const open = (index: number, type = 'text') => ({
  type: 'content_block_start',
  index,
  content_block: type === 'text' ? { type, text: '' } : { type, id: 'toolu_1', name: 't', input: {} },
});
const delta = (index: number, d: D = { type: 'text_delta', text: 'hi' }) => ({
  type: 'content_block_delta',
  index,
  delta: d,
});
const close = (index: number) => ({ type: 'content_block_stop', index });
const mdelta = {
  type: 'message_delta',
  delta: { stop_reason: 'end_turn', stop_sequence: null },
  usage: { output_tokens: 2 },
};
const stop = { type: 'message_stop' };
const ping = { type: 'ping' };
const rules = (...data: D[]) => checkGrammar(toStreamEvents(data.map(ev))).violations.map((v) => v.rule);

test('a whole stream passes', () => {
  expect(rules(start, open(0), delta(0), close(0), mdelta, stop)).toEqual([]);
});

test('pings anywhere, several in a row, and unknown event types pass', () => {
  expect(
    rules(
      ping,
      start,
      ping,
      ping,
      open(0),
      { type: 'future_event' },
      delta(0),
      ping,
      close(0),
      mdelta,
      ping,
      stop,
      ping,
    ),
  ).toEqual([]);
});

test('a lone error event is not a grammar fault (the API failed mid-request)', () => {
  const r = checkGrammar(
    toStreamEvents([ev({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })]),
  );
  expect(r.violations).toEqual([]);
  expect(r.errorEvent).toBeDefined();
});

test.each([
  ['message_start_first', [open(0), delta(0), close(0), mdelta, stop]],
  ['one_message_start', [start, start, mdelta, stop]],
  ['block_index_in_order', [start, open(1), close(1), mdelta, stop]],
  ['delta_in_open_block', [start, delta(0), mdelta, stop]],

  ['stop_open_block', [start, close(0), mdelta, stop]],
  ['blocks_closed_before_message_delta', [start, open(0), mdelta, stop]],
  ['blocks_before_message_delta', [start, mdelta, open(0), close(0), stop]],
  ['message_delta_before_stop', [start, stop]],
  ['ends_with_message_stop', [start, open(0), close(0), mdelta]],
  ['nothing_after_message_stop', [start, mdelta, stop, open(0)]],
  ['nothing_after_error', [start, { type: 'error', error: { type: 'api_error', message: 'x' } }, mdelta]],
])('%s', (rule, data) => {
  expect(rules(...(data as D[]))).toContain(rule);
});

describe('a delta must fit its block kind (the spec x-delta-types)', () => {
  const takes = { text: ['text_delta', 'citations_delta'], tool_use: ['input_json_delta'], web_search_tool_result: [] };
  const fit = (...data: D[]) => deltaViolations(toStreamEvents(data.map(ev)), takes).map((v) => v.message);
  test('known deltas in their blocks pass; blocks of unlisted kinds take anything', () => {
    expect(
      fit(
        start,
        open(0),
        delta(0),
        close(0),
        { type: 'content_block_start', index: 1, content_block: { type: 'compaction' } },
        delta(1, { type: 'compaction_delta' }),
        close(1),
      ),
    ).toEqual([]);
  });
  test.each([
    ['a text_delta in a tool_use block', open(0, 'tool_use'), delta(0), /text_delta sent to block 0, a tool_use block/],
    [
      'a delta of type "text" in a text block (the SDK drops it: the text comes out empty)',
      open(0),
      delta(0, { type: 'text', text: 'hi' }),
      /text sent to block 0, a text block \(takes text_delta, citations_delta\)/,
    ],
    [
      'any delta in a result block',
      { type: 'content_block_start', index: 0, content_block: { type: 'web_search_tool_result' } },
      delta(0, { type: 'input_json_delta', partial_json: '' }),
      /takes no deltas/,
    ],
  ])('%s', (_name, opened, d, message) => {
    expect(fit(start, opened as D, d as D, close(0))).toEqual([expect.stringMatching(message as RegExp)]);
  });
});
