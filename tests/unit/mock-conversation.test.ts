/**
 * The reference mock across turns, decided in-process (handle): the thinking signatures it signs and
 * checks when they come back, the tool_use / tool_result pairing it enforces (consecutive user
 * messages are one turn, as the API merges them), parallel calls when a prompt names several
 * tools, and images inside a tool_result accepted and counted as input.
 */
import { loadContract, type Contract } from '../../src/contract/spec';
import { handle } from '../../src/mock/handle';
import { signThinking } from '../../src/mock/signatures';

const KEY = 'mock-conversation-key';
type Body = Record<string, unknown>;
let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const send = (body: Body) =>
  handle(
    contract,
    { apiKey: KEY },
    {
      method: 'POST',
      path: '/v1/messages',
      query: new URLSearchParams(),
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
  );
const error = (r: ReturnType<typeof send>) => (r.json as { error?: { type: string; message: string } }).error;
const message = (r: ReturnType<typeof send>) =>
  r.json as { content: Body[]; stop_reason: string; usage: { input_tokens: number } };
const weather = {
  name: 'get_weather',
  description: 'Weather in a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const time = {
  name: 'get_time',
  description: 'Time in a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const base = { model: 'claude-sonnet-4-6', max_tokens: 1200, tools: [weather] };
const question = { role: 'user', content: 'What is the weather in Paris? Use the get_weather tool.' };

describe('thinking signatures', () => {
  const first = () =>
    message(send({ ...base, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [question] }));
  const roundTrip = (assistant: Body[]) => {
    const call = assistant.find((b) => b.type === 'tool_use')!;
    return send({
      ...base,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        question,
        { role: 'assistant', content: assistant },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny' }] },
      ],
    });
  };

  test('a thinking turn with the tool the prompt asks for (tool_choice auto), signed deterministically', () => {
    const m = first();
    expect(m.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(m.content[0]!.signature).toBe(signThinking(String(m.content[0]!.thinking)));
    expect(m.stop_reason).toBe('tool_use');
  });

  test('sent back byte for byte: accepted', () => {
    expect(roundTrip(first().content).status).toBe(200);
  });

  test.each([
    ['one character changed', (s: string) => `${s.slice(0, 20)}${s[20] === 'A' ? 'B' : 'A'}${s.slice(21)}`],
    ['emptied', () => ''],
  ])('a signature %s: refused as the API does', (_name, change) => {
    const [thinking, call] = first().content;
    const r = roundTrip([{ ...thinking!, signature: change(String(thinking!.signature)) }, call!]);
    expect(r.status).toBe(400);
    expect(error(r)).toEqual({
      type: 'invalid_request_error',
      message: 'messages.1.content.0: Invalid `signature` in `thinking` block',
    });
  });

  test('the thinking text changed under its signature: refused', () => {
    const [thinking, call] = first().content;
    expect(roundTrip([{ ...thinking!, thinking: `${String(thinking!.thinking)} And more.` }, call!]).status).toBe(400);
  });

  test("another server's signature (a recorded real conversation) is not the mock's to judge", () => {
    const [, call] = first().content;
    expect(
      roundTrip([{ type: 'thinking', thinking: 'Let me check.', signature: 'EoQDCm0IDhgCKkCDzGs2kL2PgnDCZU' }, call!])
        .status,
    ).toBe(200);
  });
});

describe('tool_use and tool_result pairing', () => {
  const call = { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } };
  const result = (id: string) => ({ type: 'tool_result', tool_use_id: id, content: 'Sunny' });

  test('a tool_result that answers no tool_use of the turn before: 400', () => {
    const r = send({
      ...base,
      messages: [
        question,
        { role: 'assistant', content: 'Let me check.' },
        { role: 'user', content: [result('toolu_01X')] },
      ],
    });
    expect([r.status, error(r)?.message]).toEqual([
      400,
      'messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01X. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    ]);
  });

  test('a tool_use the next turn leaves unanswered: 400', () => {
    const r = send({
      ...base,
      messages: [
        question,
        { role: 'assistant', content: [call, { ...call, id: 'toolu_01B' }] },
        { role: 'user', content: [result('toolu_01A')] },
      ],
    });
    expect([r.status, error(r)?.message]).toEqual([
      400,
      'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01B. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    ]);
  });

  test('parallel calls answered in consecutive user messages (one turn, as recorded tool-result-03.json): accepted', () => {
    const r = send({
      ...base,
      messages: [
        question,
        { role: 'assistant', content: [call, { ...call, id: 'toolu_01B' }] },
        { role: 'user', content: [result('toolu_01A')] },
        { role: 'user', content: [result('toolu_01B')] },
      ],
    });
    expect(r.status).toBe(200);
  });
});

test('parallel calls when the prompt names several tools; one with disable_parallel_tool_use; none for a tool_result turn', () => {
  const ask = {
    ...base,
    max_tokens: 64,
    tools: [weather, time],
    messages: [{ role: 'user', content: 'Call get_weather and get_time for Paris.' }],
  };
  expect(message(send({ ...ask, tool_choice: { type: 'any' } })).content.map((b) => b.name)).toEqual([
    'get_weather',
    'get_time',
  ]);
  expect(
    message(send({ ...ask, tool_choice: { type: 'auto', disable_parallel_tool_use: true } })).content.map(
      (b) => b.name,
    ),
  ).toEqual(['get_weather']);
  expect(message(send({ ...ask, tool_choice: { type: 'none' } })).content.map((b) => b.type)).toEqual(['text']);
  const calls = message(send({ ...ask, tool_choice: { type: 'any' } })).content;
  const next = message(
    send({
      ...ask,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: calls },
        {
          role: 'user',
          content: calls.map((c) => ({ type: 'tool_result', tool_use_id: c.id, content: 'get_weather says sunny' })),
        },
      ],
    }),
  );
  expect(next.content.map((b) => b.type)).toEqual(['text']);
});

test('an image inside a tool_result is accepted and costs input tokens', () => {
  const image = {
    type: 'image',
    source: {
      type: 'base64',
      media_type: 'image/png',
      data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    },
  };
  const call = { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } };
  const body = (content: unknown) => ({
    ...base,
    max_tokens: 32,
    messages: [
      question,
      { role: 'assistant', content: [call] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content }] },
    ],
  });
  const withImage = send(body([{ type: 'text', text: 'Sunny' }, image]));
  const without = send(body('Sunny'));
  expect([withImage.status, without.status]).toEqual([200, 200]);
  expect(message(withImage).usage.input_tokens).toBeGreaterThan(message(without).usage.input_tokens);
});
