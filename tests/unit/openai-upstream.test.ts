/**
 * The OpenAI-compatible upstream behind `npm run compat`: the same request gets the same bytes,
 * JSON and stream tell the same answer, and the stream is framed as OpenAI frames it (a `data:`
 * line per chunk, tool arguments in pieces, `[DONE]` last). A gateway's verdict is only as fair
 * as this upstream is faithful.
 */
import { answer, startOpenAIUpstream, type OpenAIUpstream } from '../fixtures/servers/openai-upstream';

const KEY = 'upstream-key-0123456789';
let upstream: OpenAIUpstream;

beforeAll(async () => {
  upstream = await startOpenAIUpstream({ apiKey: KEY });
});
afterAll(() => upstream.close());

const post = (body: unknown, key = KEY) =>
  fetch(`${upstream.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON documents read and edited freely
type Json = Record<string, any>;

/** The data lines of an SSE body, in order; throws on anything that is not `data: …` framed by a blank line. */
function dataLines(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      expect(frame).toMatch(/^data: [^\n]+$/);
      return frame.slice('data: '.length);
    });
}

/** Folds stream chunks into what a client reassembles: text, reasoning, tool calls, finish reason, usage. */
function reassemble(chunks: Json[]) {
  let content = '';
  let reasoning = '';
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  let finish: string | null = null;
  let usage: Json | undefined;
  for (const c of chunks) {
    if (c.usage) usage = c.usage;
    for (const choice of c.choices) {
      const d = choice.delta;
      content += d.content ?? '';
      reasoning += d.reasoning_content ?? '';
      for (const t of d.tool_calls ?? []) {
        calls[t.index] ??= { id: t.id, name: t.function.name, arguments: '' };
        calls[t.index]!.arguments += t.function.arguments ?? '';
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  return { content, reasoning, calls, finish, usage };
}

const hello = { model: 'fixture-model', messages: [{ role: 'user', content: 'hello there' }] };
const tools = [
  {
    type: 'function',
    function: {
      name: 'lookup',
      parameters: {
        type: 'object',
        properties: { q: { type: 'string', minLength: 2 }, n: { type: 'integer', minimum: 3 } },
        required: ['q', 'n'],
      },
    },
  },
];

describe('deterministic answers', () => {
  test('the same request gets the same bytes; another request another id', async () => {
    const [a, b, c] = await Promise.all(
      [post(hello), post(hello), post({ ...hello, messages: [{ role: 'user', content: 'other' }] })].map((p) =>
        p.then((r) => r.text()),
      ),
    );
    expect(a).toBe(b);
    const ja = JSON.parse(a!);
    expect(ja).toMatchObject({
      object: 'chat.completion',
      model: 'fixture-model',
      choices: [{ index: 0, message: { role: 'assistant', content: 'You said: hello there' }, finish_reason: 'stop' }],
    });
    expect(ja.usage).toEqual({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    expect(JSON.parse(c!).id).not.toBe(ja.id);
  });

  test('max_tokens cuts the text (length), a stop string ends it before the string (stop)', () => {
    expect(answer({ ...hello, max_tokens: 2 })).toMatchObject({
      content: 'You said:',
      finishReason: 'length',
      usage: { completion_tokens: 2 },
    });
    expect(answer({ ...hello, max_completion_tokens: 3, stop: ['there'] })).toMatchObject({
      content: 'You said: hello ',
      finishReason: 'stop',
      usage: { completion_tokens: 3 },
    });
    expect(answer({ ...hello, stop: 'nowhere' })).toMatchObject({
      content: 'You said: hello there',
      finishReason: 'stop',
    });
  });

  test('a forced tool is called with the smallest valid arguments; after its result the model answers in text', () => {
    for (const tool_choice of ['required', { type: 'function', function: { name: 'lookup' } }]) {
      const a = answer({ ...hello, tools, tool_choice });
      expect(a.finishReason).toBe('tool_calls');
      expect(a.content).toBeNull();
      expect(a.toolCalls).toEqual([
        {
          id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
          type: 'function',
          function: { name: 'lookup', arguments: '{"q":"xx","n":3}' },
        },
      ]);
    }
    expect(answer({ ...hello, tools, tool_choice: 'auto' }).finishReason).toBe('stop');
    const after = answer({
      ...hello,
      tools,
      tool_choice: 'required',
      messages: [
        ...hello.messages,
        { role: 'assistant', content: null, tool_calls: [] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
    });
    expect(after).toMatchObject({ content: 'The tool answered: sunny', finishReason: 'stop' });
  });

  test('reasoning, asked in any dialect, comes first and spends the budget', () => {
    for (const ask of [
      { reasoning_effort: 'low' },
      { reasoning: { effort: 'low', enabled: true } },
      { thinking: { type: 'enabled' } },
    ]) {
      expect(answer({ ...hello, ...ask })).toMatchObject({
        reasoning: 'Let me think about what was asked.',
        content: 'You said: hello there',
        usage: { completion_tokens: 11 },
      });
    }
    expect(answer({ ...hello, reasoning: { enabled: false } }).reasoning).toBeUndefined();
    expect(answer({ ...hello, reasoning_effort: 'low', max_tokens: 3 })).toMatchObject({
      reasoning: 'Let me think',
      content: null,
      finishReason: 'length',
    });
  });
});

describe('stream framing', () => {
  test('data lines, a word per chunk, finish then usage when asked, [DONE] last; the same answer as JSON', async () => {
    const res = await post({ ...hello, stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const lines = dataLines(await res.text());
    expect(lines.at(-1)).toBe('[DONE]');
    const chunks = lines.slice(0, -1).map((l) => JSON.parse(l) as Json);
    expect(chunks[0]!.choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]!.id)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    });
    const json = (await (await post(hello)).json()) as Json;
    expect(reassemble(chunks)).toEqual({
      content: json.choices[0].message.content,
      reasoning: '',
      calls: [],
      finish: 'stop',
      usage: json.usage,
    });
  });

  test('no usage chunk unless include_usage asks for it', async () => {
    const chunks = dataLines(await (await post({ ...hello, stream: true })).text())
      .slice(0, -1)
      .map((l) => JSON.parse(l) as Json);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(reassemble(chunks).finish).toBe('stop');
  });

  test('a tool call streams its id and name first, then its arguments in pieces that join to the JSON answer', async () => {
    const body = { ...hello, tools, tool_choice: 'required', reasoning_effort: 'low' };
    const chunks = dataLines(await (await post({ ...body, stream: true })).text())
      .slice(0, -1)
      .map((l) => JSON.parse(l) as Json);
    const toolChunks = chunks.filter((c) => c.choices[0]?.delta.tool_calls);
    expect(toolChunks.length).toBeGreaterThan(2);
    expect(toolChunks[0]!.choices[0].delta.tool_calls[0]).toMatchObject({
      index: 0,
      id: expect.any(String),
      type: 'function',
      function: { name: 'lookup', arguments: '' },
    });
    const json = (await (await post(body)).json()) as Json;
    const m = json.choices[0].message;
    const r = reassemble(chunks);
    expect(r).toMatchObject({ reasoning: m.reasoning_content, finish: 'tool_calls' });
    expect(r.calls).toEqual([
      { id: m.tool_calls[0].id, name: 'lookup', arguments: m.tool_calls[0].function.arguments },
    ]);
  });
});

describe('errors as OpenAI gives them', () => {
  test('a wrong key is 401; an Anthropic-only tool_choice, a bad role, a bad body are 400; other paths 404', async () => {
    const error = async (r: Promise<Response>, status: number) => {
      const res = await r;
      expect(res.status).toBe(status);
      expect(((await res.json()) as Json).error).toMatchObject({
        message: expect.any(String),
        type: expect.any(String),
      });
    };
    await error(post(hello, 'wrong'), 401);
    await error(post({ ...hello, tools, tool_choice: 'any' }), 400);
    await error(post({ ...hello, tools, tool_choice: { type: 'tool', name: 'lookup' } }), 400);
    await error(post({ ...hello, messages: [{ role: 'human', content: 'hi' }] }), 400);
    await error(post({ ...hello, messages: [] }), 400);
    await error(
      fetch(`${upstream.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}` },
        body: '{not json',
      }),
      400,
    );
    await error(
      fetch(`${upstream.url}/v1/messages`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: '{}' }),
      404,
    );
  });

  test('GET /v1/models lists the models it was given', async () => {
    const res = await fetch(`${upstream.url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(await res.json()).toEqual({
      object: 'list',
      data: [{ id: 'fixture-model', object: 'model', created: expect.any(Number), owned_by: 'fixture' }],
    });
  });
});
