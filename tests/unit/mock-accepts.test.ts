/**
 * What the real API accepts, the mock accepts, and what it refuses, the mock
 * refuses in the API's words (item 3). Each accepted body was refused by the spec before; its
 * near twin, still invalid, shows the test can fail. Sources are in the spec's x-source.
 */
import type * as Sdk from '@anthropic-ai/sdk/resources/messages/messages';
import { loadContract, type Contract } from '../../src/contract/spec';
import { handle } from '../../src/mock/handle';

const KEY = 'k';
let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

type Body = Record<string, unknown>;
const base = (extra: Body = {}): Body => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Hello' }],
  ...extra,
});
const send = (body: unknown, headers: Record<string, string> = {}, query = '') =>
  handle(
    contract,
    { apiKey: KEY },
    {
      method: 'POST',
      path: '/v1/messages',
      query: new URLSearchParams(query),
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
  );
const count = (body: unknown) =>
  handle(
    contract,
    { apiKey: KEY },
    {
      method: 'POST',
      path: '/v1/messages/count_tokens',
      query: new URLSearchParams(),
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
  );
const message = (r: ReturnType<typeof send>) => (r.json as { error?: { message?: string } }).error?.message;
const user = (...content: unknown[]) => ({ messages: [{ role: 'user', content }] });
const text = { type: 'text', text: 'Hi' };
const toolUse = { type: 'tool_use', id: 'toolu_01A', name: 'lookup', input: {} };
/** A tool_result in the turn after the tool_use it answers (the API refuses one that answers nothing). */
const answering = (result: unknown) => ({
  messages: [
    { role: 'user', content: 'Look it up' },
    { role: 'assistant', content: [toolUse] },
    { role: 'user', content: [result] },
  ],
});
const BETA = { 'anthropic-beta': 'mcp-client-2025-11-20,compact-2026-01-12,context-management-2025-06-27' };

describe('accepted now (and its still-invalid twin refused)', () => {
  const cases: Array<[string, Body, Body, Record<string, string>?]> = (
    [
      [
        'cache_control: null on a text block',
        base(user({ ...text, cache_control: null })),
        base(user({ ...text, cache_control: 5 })),
      ],
      [
        'cache_control: null on a custom tool',
        base({ tools: [{ name: 'lookup', input_schema: { type: 'object' }, cache_control: null }] }),
        base({ tools: [{ name: 'lookup', input_schema: { type: 'object' }, cache_control: 'x' }] }),
      ],
      [
        'cache_control: null on a system block',
        base({ system: [{ type: 'text', text: 'Be brief.', cache_control: null }] }),
        base({ system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'forever' } }] }),
      ],
      [
        'cache_control: null on tool_use and tool_result',
        base({
          messages: [
            { role: 'user', content: 'Look it up' },
            { role: 'assistant', content: [{ ...toolUse, cache_control: null }] },
            {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: 'ok', cache_control: null }],
            },
          ],
        }),
        base({
          messages: [
            { role: 'user', content: 'Look it up' },
            { role: 'assistant', content: [{ ...toolUse, cache_control: [] }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: 'ok' }] },
          ],
        }),
      ],
      [
        'tool_search_tool_bm25 without a date',
        base({ tools: [{ type: 'tool_search_tool_bm25', name: 'tool_search_tool_bm25' }] }),
        base({ tools: [{ type: 'tool_search_tool_bm26', name: 'tool_search_tool_bm25' }] }),
      ],
      [
        'tool_search_tool_regex without a date',
        base({ tools: [{ type: 'tool_search_tool_regex', name: 'tool_search_tool_regex' }] }),
        base({ tools: [{ type: 'tool_search_tool_regexp', name: 'tool_search_tool_regex' }] }),
      ],
      [
        'caller on a replayed web_search_tool_result (a pause_turn answer sent back as-is)',
        base({
          messages: [
            { role: 'user', content: 'Search the news' },
            {
              role: 'assistant',
              content: [
                {
                  type: 'server_tool_use',
                  id: 'srvtoolu_01A',
                  name: 'web_search',
                  input: { query: 'news' },
                  caller: { type: 'direct' },
                },
                {
                  type: 'web_search_tool_result',
                  tool_use_id: 'srvtoolu_01A',
                  content: [],
                  caller: { type: 'direct' },
                },
              ],
            },
          ],
          tools: [{ type: 'web_search_20250305', name: 'web_search' }],
        }),
        base({
          messages: [
            { role: 'user', content: 'Search the news' },
            {
              role: 'assistant',
              content: [
                {
                  type: 'web_search_tool_result',
                  tool_use_id: 'srvtoolu_01A',
                  content: [],
                  caller: { type: 'direct', extra: 1 },
                },
              ],
            },
          ],
        }),
      ],
      [
        'caller on a replayed web_fetch_tool_result',
        base({
          messages: [
            { role: 'user', content: 'Fetch' },
            {
              role: 'assistant',
              content: [
                {
                  type: 'web_fetch_tool_result',
                  tool_use_id: 'srvtoolu_01B',
                  content: {},
                  caller: { type: 'code_execution_20250825', tool_id: 'srvtoolu_01C' },
                },
              ],
            },
          ],
        }),
        base({
          messages: [
            { role: 'user', content: 'Fetch' },
            {
              role: 'assistant',
              content: [{ type: 'web_fetch_tool_result', tool_use_id: 'srvtoolu_01B', content: {}, caller: 'direct' }],
            },
          ],
        }),
      ],
      [
        'cache_control on a tool_reference',
        base(
          answering({
            type: 'tool_result',
            tool_use_id: 'toolu_01A',
            content: [{ type: 'tool_reference', tool_name: 'lookup', cache_control: { type: 'ephemeral' } }],
          }),
        ),
        base(
          answering({
            type: 'tool_result',
            tool_use_id: 'toolu_01A',
            content: [{ type: 'tool_reference', tool_name: 'lookup', cache: { type: 'ephemeral' } }],
          }),
        ),
      ],
      [
        'a file image source without a beta header',
        base(user({ type: 'image', source: { type: 'file', file_id: 'file_01A' } }, text)),
        base(user({ type: 'image', source: { type: 'file' } }, text)),
      ],
      [
        'a file document source without a beta header',
        base(user({ type: 'document', source: { type: 'file', file_id: 'file_01A' } }, text)),
        base(user({ type: 'document', source: { type: 'file', file_id: 7 } }, text)),
      ],
      [
        'container as an object',
        base({ container: { id: null, skills: [{ type: 'anthropic', skill_id: 'pptx', version: 'latest' }] } }),
        base({ container: { skills: [{ type: 'anthropic' }] } }),
      ],
      ['container as a string, and null', base({ container: 'container_01A' }), base({ container: 7 })],
      [
        'speed and diagnostics (non-beta in SDK 1.14)',
        base({ speed: 'fast', diagnostics: { previous_message_id: null } }),
        base({ speed: 'warp' }),
      ],
      [
        'a minimal mcp_tool_result (beta)',
        base(user({ type: 'mcp_tool_result', tool_use_id: 'mcptoolu_01A', content: 'ok' })),
        base(user({ type: 'mcp_tool_result', content: 'ok' })),
        BETA,
      ],
      [
        'an mcp_tool_use block (beta)',
        base({
          messages: [
            { role: 'user', content: 'Go' },
            {
              role: 'assistant',
              content: [{ type: 'mcp_tool_use', id: 'mcptoolu_01A', name: 'search', server_name: 'docs', input: {} }],
            },
          ],
        }),
        base({
          messages: [
            { role: 'user', content: 'Go' },
            { role: 'assistant', content: [{ type: 'mcp_tool_use', id: 'mcptoolu_01A', name: 'search', input: {} }] },
          ],
        }),
        BETA,
      ],
      [
        'a compaction block sent back (beta)',
        base({
          messages: [
            { role: 'assistant', content: [{ type: 'compaction', content: 'Summary so far.' }] },
            { role: 'user', content: 'Go on' },
          ],
        }),
        base({
          messages: [
            { role: 'assistant', content: [{ type: 'compaction', summary: 'x' }] },
            { role: 'user', content: 'Go on' },
          ],
        }),
        BETA,
      ],
      [
        'an mcp_toolset tool (beta)',
        base({
          mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'docs' }],
          tools: [{ type: 'mcp_toolset', mcp_server_name: 'docs', default_config: { enabled: true } }],
        }),
        base({ tools: [{ type: 'mcp_toolset' }] }),
        BETA,
      ],
      [
        'toolset_name on a tool_use and its tool_result sent back',
        base({
          messages: [
            { role: 'user', content: 'Open it' },
            { role: 'assistant', content: [{ ...toolUse, toolset_name: 'browser' }] },
            {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: 'ok', toolset_name: null }],
            },
          ],
        }),
        base({
          messages: [
            { role: 'user', content: 'Open it' },
            { role: 'assistant', content: [{ ...toolUse, toolset_name: 5 }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: 'ok' }] },
          ],
        }),
      ],
      [
        'a toolset tool without a name',
        base({ tools: [{ type: 'browser_toolset_20260801', configs: null }] }),
        base({ tools: [{ type: 'browser_toolset_20260801', configs: 'all' }] }),
      ],
      [
        'image transformations',
        base(
          user(
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' }, transformations: null },
            text,
          ),
        ),
        base(
          user(
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' }, transformations: 'crop' },
            text,
          ),
        ),
      ],
      [
        'a computer use tool with its display (beta: BetaToolComputerUse20250124)',
        base({
          tools: [
            {
              type: 'computer_20250124',
              name: 'computer',
              display_width_px: 1024,
              display_height_px: 768,
              display_number: null,
            },
          ],
        }),
        base({
          tools: [{ type: 'computer_20250124', name: 'computer', display_width_px: 'wide', display_height_px: 768 }],
        }),
        BETA,
      ],
      [
        'the advisor tool (beta: BetaAdvisorTool20260301, recorded tool-09)',
        base({ tools: [{ type: 'advisor_20260301', name: 'advisor', model: 'claude-opus-4-8', max_tokens: 1024 }] }),
        base({ tools: [{ type: 'advisor_20260301', name: 'advisor', model: 'claude-opus-4-8', max_uses: 'many' }] }),
        BETA,
      ],
      [
        'context_management and output_format as null (beta)',
        base({ context_management: null, output_format: null }),
        base({ context_management: 'auto' }),
        BETA,
      ],
    ] as Array<[string, Body, Body, Record<string, string>?]>
  ).map(([n, a, r, h]) => [n, a, r, h ?? {}]); // every row has 4 arguments (jest reads a missing one as `done`)

  test.each(cases)('%s', (_name, accepted, refused, headers) => {
    const ok = send(accepted, headers);
    expect({ status: ok.status, message: message(ok) }).toEqual({ status: 200, message: undefined });
    const no = send(refused, headers);
    expect(no.status).toBe(400);
    expect(message(no)).toMatch(/^[a-z_]+[\w.]*: /);
  });

  test('beta blocks stay beta: without anthropic-beta they are extra inputs', () => {
    expect(message(send(base(user({ type: 'mcp_tool_result', tool_use_id: 'mcptoolu_01A', content: 'ok' }))))).toMatch(
      /^messages\.0\.content\.0: Input tag 'mcp_tool_result' found using 'type' does not match any of the expected tags: 'text', /,
    );
    expect(message(send(base({ context_management: null })))).toBe(
      'context_management: Extra inputs are not permitted',
    );
  });
});

describe("refused in the real API's words", () => {
  test.each<[string, unknown, string]>([
    [
      'a missing max_tokens',
      { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] },
      'max_tokens: Field required',
    ],
    ['an unknown top-level field', base({ frobnicate: 1 }), 'frobnicate: Extra inputs are not permitted'],
    ['no messages', base({ messages: [] }), 'messages: at least one message is required'],
    [
      'content as an object (recorded error-400-02)',
      base({ messages: [{ role: 'user', content: { type: 'text', wrong: 'format' } }] }),
      'messages.0.content: Input should be a valid list',
    ],
    [
      'a message that is a string (recorded error-400-01)',
      base({ messages: ['Invalid content'] }),
      'messages.0: Input does not match the expected shape.',
    ],
    [
      'an extra field in a thinking block (router-for-me/CLIProxyAPI#512)',
      base({
        messages: [
          { role: 'user', content: 'Hi' },
          {
            role: 'assistant',
            content: [{ type: 'thinking', thinking: 't', signature: 's', cache_control: { type: 'ephemeral' } }],
          },
        ],
      }),
      'messages.1.content.0.thinking.cache_control: Extra inputs are not permitted',
    ],
    [
      'an extra field in a custom tool (Wei-Shaw/claude-relay-service#667)',
      base({
        tools: [
          { name: 'a', input_schema: { type: 'object' } },
          { name: 'b', input_schema: { type: 'object' }, input_example: [] },
        ],
      }),
      'tools.1.custom.input_example: Extra inputs are not permitted',
    ],
    [
      'an empty text block (anthropics/claude-code#59812)',
      base(user({ type: 'text', text: '' })),
      'messages: text content blocks must be non-empty',
    ],
    [
      'an empty message (anthropics/claude-code#6774)',
      base({
        messages: [
          { role: 'user', content: [] },
          { role: 'user', content: 'x' },
        ],
      }),
      'messages.0: all messages must have non-empty content except for the optional final assistant message',
    ],
    [
      'an unknown source tag inside a tool result (recorded error-400-04)',
      base(
        user({
          type: 'tool_result',
          tool_use_id: 'toolu_01A',
          content: [{ type: 'image', source: { type: 'blob', file_id: 'f' } }],
        }),
      ),
      "messages.0.content.0.tool_result.content.0.image.source: Input tag 'blob' found using 'type' does not match any of the expected tags: 'base64', 'url', 'file'",
    ],
    [
      'a block without type',
      base(user({ text: 'x' })),
      "messages.0.content.0: Unable to extract tag using discriminator 'type'",
    ],
    [
      'a wrong role',
      base({ messages: [{ role: 'bot', content: 'x' }] }),
      "messages.0.role: Input should be 'user', 'assistant' or 'system'",
    ],
    ['max_tokens as a string', base({ max_tokens: '64' }), 'max_tokens: Input should be a valid integer'],
    ['temperature above 1', base({ temperature: 2 }), 'temperature: Input should be less than or equal to 1'],
    [
      'a small thinking budget',
      base({ max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 5 } }),
      'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
    ],
    [
      'tool_choice tool without a name',
      base({ tool_choice: { type: 'tool' } }),
      'tool_choice.tool.name: Field required',
    ],
    [
      'prefill on a model that refuses it (recorded error-400-08)',
      {
        model: 'claude-sonnet-5',
        max_tokens: 64,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Here' },
        ],
      },
      'This model does not support assistant message prefill. The conversation must end with a user message.',
    ],
    [
      'an effort level the model lacks (recorded error-400-07)',
      {
        model: 'claude-opus-4-6',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
        output_config: { effort: 'xhigh' },
      },
      "This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium.",
    ],
  ])('%s', (_name, body, expected) => {
    const r = send(body);
    expect(r.status).toBe(400);
    expect(message(r)).toBe(expected);
    expect(contract.validateResponseBody(400, r.json)).toEqual([]);
  });

  test.each<[string, Record<string, string>, number, string]>([
    ['no key', { 'x-api-key': '' }, 401, 'x-api-key header is required'],
    ['a wrong key', { 'x-api-key': 'sk-ant-wrong' }, 401, 'invalid x-api-key'],
    ['no anthropic-version', { 'anthropic-version': '' }, 400, 'anthropic-version: header is required'],
    [
      'an unknown anthropic-version',
      { 'anthropic-version': '2023-06-01, 2023-06-01' },
      400,
      'anthropic-version: "2023-06-01, 2023-06-01" is not a valid version',
    ],
  ])('headers: %s', (_name, headers, status, expected) => {
    const r = send(base(), headers);
    expect([r.status, message(r), r.headers['x-should-retry']]).toEqual([status, expected, 'false']);
  });
});

describe('the model table', () => {
  test.each([
    'claude-3-5-haiku-20241022',
    'claude-sonnet-4-5-20250929',
    'claude-sonnet-4-6',
    'claude-haiku-4-5-20251001',
    'claude-opus-4-1-20250805',
    'claude-3-7-sonnet-latest',
    'claude-2.1',
    'claude-opus-5-5',
  ])('%s is served', (model) => {
    expect(send(base({ model })).status).toBe(200);
  });

  test.each(['claude-does-not-exist', 'gpt-4o', 'claude-sonet-4-5'])('%s gets the real 404', (model) => {
    const r = send(base({ model }));
    expect([r.status, (r.json as { error: { type: string } }).error.type, message(r)]).toEqual([
      404,
      'not_found_error',
      `model: ${model}`,
    ]);
  });

  test('an older alias answers with its dated id; a newer model with its own name', () => {
    expect((send(base({ model: 'claude-3-5-sonnet-latest' })).json as { model: string }).model).toBe(
      'claude-3-5-sonnet-20241022',
    );
    expect((send(base({ model: 'claude-sonnet-4-6' })).json as { model: string }).model).toBe('claude-sonnet-4-6');
  });

  test("a ceiling from the table: above it is 400 in the API's words, unless a beta raises it", () => {
    expect(message(send({ ...base({ model: 'claude-3-5-sonnet-20240620' }), max_tokens: 10000 }))).toBe(
      'max_tokens: 10000 > 4096, which is the maximum allowed number of output tokens for claude-3-5-sonnet-20240620',
    );
    expect(
      send(
        { ...base({ model: 'claude-3-5-sonnet-20240620' }), max_tokens: 8192 },
        { 'anthropic-beta': 'max-tokens-3-5-sonnet-2024-07-15' },
      ).status,
    ).toBe(200);
  });

  test('--models narrows and extends the table', () => {
    const only = (model: string, o: { onlyModels?: string[]; models?: string[] }) =>
      handle(
        contract,
        { apiKey: KEY, ...o },
        {
          method: 'POST',
          path: '/v1/messages',
          query: new URLSearchParams(),
          headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
          body: JSON.stringify(base({ model })),
        },
      ).status;
    expect(only('claude-sonnet-4-5', { onlyModels: ['claude-haiku-4-5'] })).toBe(404);
    expect(only('claude-haiku-4-5', { onlyModels: ['claude-haiku-4-5'] })).toBe(200);
    expect(only('my-finetune', { models: ['my-finetune'] })).toBe(200);
    expect(only('claude-sonnet-4-5', { models: ['my-finetune'] })).toBe(200);
  });
});

/**
 * Bodies typed with the SDK's own param types (@anthropic-ai/sdk 1.14.0), so tsc proves each is one
 * the SDK sends: the spec validates them and the mock answers 200. Each has a still-invalid twin.
 */
describe('SDK-typed bodies the spec used to refuse', () => {
  const M = 'claude-sonnet-4-5';
  const browserResult: Sdk.ToolResultBlockParam = {
    type: 'tool_result',
    tool_use_id: 'toolu_01A',
    toolset_name: 'browser',
    content: [
      {
        type: 'browser_state',
        tabs: [{ tab_id: 't1', title: 'Home', url: 'https://example.com', active: true }],
        state_changes: [
          { type: 'tab_opened', tab_id: 't1' },
          { type: 'download_completed', download_id: 'd1', url: 'https://example.com/a.pdf', size_bytes: 10 },
        ],
      },
    ],
  };
  const messages: Array<[string, Sdk.MessageCreateParamsNonStreaming, unknown]> = [
    [
      'max_tokens 0 (pre-warms the cache)',
      { model: M, max_tokens: 0, messages: [{ role: 'user', content: 'Hello' }] },
      { model: M, max_tokens: -1, messages: [{ role: 'user', content: 'Hello' }] },
    ],
    [
      'thinking between_tools',
      {
        model: M,
        max_tokens: 1024,
        messages: [{ role: 'user', content: 'Hello' }],
        thinking: { type: 'between_tools' },
      },
      {
        model: M,
        max_tokens: 1024,
        messages: [{ role: 'user', content: 'Hello' }],
        thinking: { type: 'between_tools', budget_tokens: 1024 },
      },
    ],
    [
      'a system message first',
      {
        model: M,
        max_tokens: 1024,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      },
      {
        model: M,
        max_tokens: 1024,
        messages: [
          { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] },
          { role: 'user', content: 'Hi' },
        ],
      },
    ],
    [
      'a system message mid-conversation',
      {
        model: M,
        max_tokens: 1024,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'system', content: [{ type: 'text', text: 'Now answer in French.' }] },
          { role: 'user', content: 'How are you?' },
        ],
      },
      {
        model: M,
        max_tokens: 1024,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'system', content: [{ type: 'text', text: 'x', bogus: 1 }] },
        ],
      },
    ],
    [
      'a browser_state block in a tool_result',
      {
        model: M,
        max_tokens: 1024,
        messages: [
          { role: 'user', content: 'Open the page.' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01A', name: 'browser', input: {} }] },
          { role: 'user', content: [browserResult] },
        ],
      },
      {
        model: M,
        max_tokens: 1024,
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 'toolu_01A',
                content: [{ type: 'browser_state', tabs: [{ tab_id: 't1' }] }],
              },
            ],
          },
        ],
      },
    ],
    [
      'server tools with their options',
      {
        model: M,
        max_tokens: 1024,
        messages: [{ role: 'user', content: 'Search' }],
        tools: [
          {
            type: 'web_search_20250305',
            name: 'web_search',
            max_uses: 3,
            allowed_domains: ['example.com'],
            user_location: { type: 'approximate', city: 'Paris', country: 'FR' },
          },
          {
            type: 'web_fetch_20260318',
            name: 'web_fetch',
            max_content_tokens: 1000,
            citations: { enabled: true },
            url_sources: {
              user_input: { type: 'all' },
              server_tool_results: { type: 'only', tools: [{ type: 'tool_reference', name: 'web_search' }] },
            },
            response_inclusion: 'full',
            use_cache: true,
          },
          { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 10000 },
          { type: 'code_execution_20250825', name: 'code_execution', allowed_callers: ['direct'] },
          { type: 'browser_toolset_20260801', configs: { navigate: { enabled: true, defer_loading: null } } },
        ],
      },
      {
        model: M,
        max_tokens: 1024,
        messages: [{ role: 'user', content: 'Search' }],
        tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 'lots' }],
      },
    ],
  ];
  test.each(messages)('POST /v1/messages: %s', (_name, body, twin) => {
    expect(contract.validateRequest(body)).toEqual([]);
    const ok = send(body);
    expect({ status: ok.status, message: message(ok) }).toEqual({ status: 200, message: undefined });
    expect(contract.validateResponseBody(200, ok.json)).toEqual([]);
    const no = send(twin);
    expect(no.status).toBe(400);
    expect(message(no)).toMatch(/^messages|^max_tokens|^thinking|^tools/);
  });

  test('max_tokens 0 is answered with an empty content and usage', () => {
    const r = send({ model: M, max_tokens: 0, messages: [{ role: 'user', content: 'Hello' }] });
    const m = r.json as { content: unknown[]; usage: { input_tokens: number; output_tokens: number } };
    expect(m.content).toEqual([]);
    expect(m.usage.output_tokens).toBe(0);
    expect(m.usage.input_tokens).toBeGreaterThan(0);
  });

  test("a corrupted server tool option is refused in the API's words", () => {
    expect(
      message(
        send({
          model: M,
          max_tokens: 16,
          messages: [{ role: 'user', content: 'Hi' }],
          tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 'lots' }],
        }),
      ),
    ).toBe('tools.0.web_search_20250305.max_uses: Input should be a valid integer');
    expect(
      message(
        send({
          model: M,
          max_tokens: 16,
          messages: [{ role: 'user', content: 'Hi' }],
          tools: [{ type: 'web_search_20250305', name: 'web_fetch' }],
        }),
      ),
    ).toBe("tools.0.web_search_20250305.name: Input should be 'web_search'");
    expect(
      message(
        send({
          model: M,
          max_tokens: 16,
          messages: [{ role: 'user', content: 'Hi' }],
          tools: [{ type: 'bash_20250124', name: 'bash', timeout: 5 }],
        }),
      ),
    ).toBe('tools.0.bash_20250124.timeout: Extra inputs are not permitted');
  });

  const counted: Array<[string, Sdk.MessageCountTokensParams]> = [
    [
      'thinking between_tools',
      { model: M, messages: [{ role: 'user', content: 'Hello' }], thinking: { type: 'between_tools' } },
    ],
    [
      'a system message',
      {
        model: M,
        messages: [
          { role: 'system', content: 'x' },
          { role: 'user', content: 'Hello' },
        ],
      },
    ],
    [
      'a browser_state block',
      {
        model: M,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_01A', content: [{ type: 'browser_state', tabs: [] }] },
            ],
          },
        ],
      },
    ],
  ];
  test.each(counted)('POST /v1/messages/count_tokens: %s', (_name, body) => {
    expect(contract.operation('count_tokens').validateRequest(body)).toEqual([]);
    const r = count(body);
    expect(r.status).toBe(200);
    expect((r.json as { input_tokens: number }).input_tokens).toBeGreaterThan(0);
  });
});
