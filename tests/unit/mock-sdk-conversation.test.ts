/**
 * Conversations through the official TypeScript SDK (@anthropic-ai/sdk 1.14.0) against the mock, as an
 * agent runs them: the SDK's own tool runner completes a tool loop (JSON and streamed, the full history
 * sent each turn), and its stream helpers carry a thinking turn with a tool call back to the server.
 */
import Anthropic from '@anthropic-ai/sdk';
import { betaTool } from '@anthropic-ai/sdk/helpers/beta/json-schema';
import { loadContract } from '../../src/contract/spec';
import { startMock, type RunningServer } from '../../src/mock/server';

jest.setTimeout(30_000);
const KEY = 'sk-ant-mock-sdk-conversation';
let server: RunningServer;
beforeAll(async () => {
  server = await startMock(await loadContract(), { apiKey: KEY });
});
afterAll(() => server.close());

const client = () => new Anthropic({ baseURL: server.url, apiKey: KEY, maxRetries: 0 });
const model = 'claude-sonnet-4-6';
const question = 'What is the weather in Paris? Use the get_weather tool.';

function weatherTool(calls: unknown[]) {
  return betaTool({
    name: 'get_weather',
    description: 'Get the current weather in a city.',
    inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    run: (input) => {
      calls.push(input);
      return 'Sunny, 21 degrees';
    },
  });
}

test.each([false, true])("the SDK's tool runner completes the tool loop (stream: %s)", async (stream) => {
  const calls: unknown[] = [];
  const runner = client().beta.messages.toolRunner({
    model,
    max_tokens: 256,
    thread: false,
    stream,
    tools: [weatherTool(calls)],
    messages: [{ role: 'user', content: question }],
  });
  const turns: string[] = [];
  for await (const turn of runner) {
    const message = stream
      ? await (turn as { finalMessage(): Promise<{ stop_reason: string | null }> }).finalMessage()
      : (turn as { stop_reason: string | null });
    turns.push(String(message.stop_reason));
  }
  const final = await runner.done();
  expect(turns).toEqual(['tool_use', 'end_turn']);
  expect(calls).toEqual([{ city: '' }]);
  expect(final.content).toEqual([{ type: 'text', text: 'You said: Sunny, 21 degrees' }]);
  // The loop went through the real round trip: the tool_use sent back and answered by id.
  const history = runner.params.messages as Array<{
    role: string;
    content: Array<{ type: string; id?: string; tool_use_id?: string }>;
  }>;
  expect(history.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  expect(history[2]!.content[0]).toMatchObject({
    type: 'tool_result',
    tool_use_id: history[1]!.content.find((b) => b.type === 'tool_use')!.id,
  });
});

test('the stream helpers carry a thinking turn with its tool call back, byte for byte', async () => {
  const c = client();
  const ask = {
    model,
    max_tokens: 1100,
    thinking: { type: 'enabled' as const, budget_tokens: 1024 },
    tools: [
      {
        name: 'get_weather',
        description: 'Weather in a city.',
        input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ],
  };
  const first = await c.messages.stream({ ...ask, messages: [{ role: 'user', content: question }] }).finalMessage();
  expect(first.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
  const call = first.content.find((b) => b.type === 'tool_use')!;
  const second = await c.messages
    .stream({
      ...ask,
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny, 21 degrees' }] },
      ],
    })
    .finalMessage();
  expect(second.stop_reason).toBe('end_turn');
  // A signature changed on the way is refused, as the API does.
  const [thinking] = first.content as Array<{ type: 'thinking'; thinking: string; signature: string }>;
  const altered = { ...thinking!, signature: `${thinking!.signature.slice(0, -3)}AAA` };
  await expect(
    c.messages.create({
      ...ask,
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: [altered, call] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny' }] },
      ],
    }),
  ).rejects.toMatchObject({
    status: 400,
    error: { error: { message: 'messages.1.content.0: Invalid `signature` in `thinking` block' } },
  });
});
