/**
 * The conversations area against the reference mock and against gateways that break the second
 * turn: each next request is built from the answer before it, every step runs as JSON and as a
 * stream, a step the answer cannot lead to is not applicable (never a failure), and each broken
 * gateway fails exactly the check that owns its fault.
 */
import { loadContract, type Contract } from '../../src/contract/spec';
import { startMock, type Fault, type RunningServer } from '../../src/mock/server';
import { evaluateArea, type AreaOutcome } from '../../src/suite/areas';
import { CONVERSATIONS_AREA } from '../../src/suite/conversation-cases';
import { runFromEnv } from '../../src/suite/run';
import { reply } from '../../src/mock/reply';
import { toEvents } from '../../src/mock/stream';
import { BROKEN, FAITHFUL } from '../fixtures/servers/catalogue';
import { runSuite } from '../helpers/run-suite';
import { serializeArea } from '../../src/report/serialize';
import { resultsOf } from '../helpers/results';
import { renderHtml } from '../../src/report/html';
import { formatFailures } from '../../src/report/format';

jest.setTimeout(60_000);
const KEY = 'conversation-test-key';
let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

async function withServer<T>(fault: Fault | undefined, f: (url: string) => Promise<T>): Promise<T> {
  const server: RunningServer = await startMock(contract, { apiKey: KEY, fault });
  try {
    return await f(server.url);
  } finally {
    await server.close();
  }
}

const area = (fault?: Fault, env: Record<string, string> = {}): Promise<AreaOutcome> =>
  withServer(fault, async (url) =>
    evaluateArea(await runFromEnv({ ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: KEY, ...env }), CONVERSATIONS_AREA),
  );

const CONVERSATION_CHECKS = [
  'tool_round_trip',
  'tool_result_image_counted',
  'parallel_tool_round_trip',
  'thinking_round_trip',
  'prefill_continued',
  'tool_input_streamed',
];

describe('against the reference mock', () => {
  let outcome: AreaOutcome;
  beforeAll(async () => {
    outcome = await area();
  });

  test('every sequence reaches its last step, as JSON and as a stream', () => {
    const names = outcome.results.map((r) => r.exchange.case.name);
    for (const form of ['json', 'stream'])
      expect(names).toEqual(
        expect.arrayContaining(
          [
            'tool_loop/1_call',
            'tool_loop/2_result_string',
            'tool_loop/2_result_text_and_image',
            'tool_loop/2_result_is_error',
            'parallel_tools/1_call',
            'parallel_tools/2_results',
            'thinking_round_trip/1_call',
            'thinking_round_trip/2_round_trip',
            'thinking_round_trip/2_altered_signature',
            'prefill/1_continue',
          ].map((n) => `conversation/${n.replace('/', `/${form}/`)}`),
        ),
      );
    expect(names).toEqual(
      expect.arrayContaining([
        'conversation/invalid/json/1_orphan_tool_result',
        'conversation/invalid/json/1_unanswered_tool_use',
      ]),
    );
    expect(names).toHaveLength(22);
  });

  test('every check passes, the conversation checks each judged something', () => {
    expect(outcome.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([]);
    for (const id of CONVERSATION_CHECKS)
      expect(outcome.checks.find((c) => c.id === id)).toMatchObject({ status: 'passed', warnings: [] });
    expect(outcome.checks.filter((c) => c.warnings.length)).toEqual([]);
  });

  test('each step sends back the answer before it unchanged: ids, input, thinking byte for byte', () => {
    const byName = new Map(outcome.results.map((r) => [r.exchange.case.name, r.exchange]));
    for (const form of ['json', 'stream']) {
      const sent = (name: string) =>
        (
          JSON.parse(byName.get(`conversation/${name.replace('/', `/${form}/`)}`)!.request.body) as {
            messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
          }
        ).messages;
      if (form === 'json') {
        const answer = (sequence: string) =>
          (byName.get(`conversation/${sequence}/json/1_call`)!.response!.json as { content: unknown }).content;
        expect(sent('tool_loop/2_result_string')[1]).toEqual({ role: 'assistant', content: answer('tool_loop') });
        expect(sent('thinking_round_trip/2_round_trip')[1]).toEqual({
          role: 'assistant',
          content: answer('thinking_round_trip'),
        });
      }
      const calls = sent('parallel_tools/2_results')[1]!.content.filter((b) => b.type === 'tool_use');
      expect(calls.map((c) => c.name)).toEqual(['get_weather', 'get_time']);
      expect(sent('parallel_tools/2_results')[2]!.content.map((b) => b.tool_use_id)).toEqual(calls.map((c) => c.id));
      const turn = sent('thinking_round_trip/2_altered_signature')[1]!.content;
      const original = sent('thinking_round_trip/2_round_trip')[1]!.content;
      expect(turn[0]!.signature).not.toEqual(original[0]!.signature);
      expect(String(turn[0]!.signature)).toHaveLength(String(original[0]!.signature).length);
    }
  });

  test('each case names its step, its features, and the conversation so far', () => {
    const step = outcome.results.find(
      (r) => r.exchange.case.name === 'conversation/tool_loop/stream/2_result_text_and_image',
    )!.exchange.case.meta!;
    expect(step.features).toEqual(expect.arrayContaining(['tool_round_trip', 'images', 'streaming']));
    expect(step.conversation).toMatchObject({
      sequence: 'tool_loop',
      form: 'stream',
      step: 'result_text_and_image',
      index: 2,
      withoutImage: 'conversation/tool_loop/stream/2_result_string',
    });
    expect(step.conversation!.transcript).toEqual([
      '1. user: "What is the weather in Paris?"',
      expect.stringMatching(/^2\. assistant: tool_use get_weather \{"city":""\} \(id toolu_\w+\)$/),
      expect.stringMatching(/^3\. user: tool_result for toolu_\w+: text "Sunny, 21 degrees" \+ image \(image\/png\)$/),
    ]);
    const first = outcome.results.find((r) => r.exchange.case.name === 'conversation/parallel_tools/stream/1_call')!
      .exchange.case.meta!;
    expect(first.features).toEqual(expect.arrayContaining(['tools', 'parallel_tools', 'streaming', 'tool_streaming']));
  });

  test('every request is small, and counted in the budget', async () => {
    const cases = CONVERSATIONS_AREA.cases(
      await runFromEnv({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_API_KEY: KEY }),
    );
    for (const c of outcome.results.map((r) => r.exchange.case).concat(cases)) {
      const body = c.body as { max_tokens: number; thinking?: { budget_tokens: number } };
      expect(body.max_tokens - (body.thinking?.budget_tokens ?? 0)).toBeLessThanOrEqual(128);
    }
  });
});

test('a model that calls no tool: the round trips are not applicable, nothing fails', async () => {
  // Every answer to tool_choice auto is plain text (as a real model may choose).
  const noCall: Fault = {
    alter: (r) => {
      const body = r.request ?? {};
      if (r.status !== 200 || (body.tool_choice as { type?: string } | undefined)?.type !== 'auto') return r;
      const { message } = reply({ ...body, tool_choice: { type: 'none' } });
      return r.events ? { ...r, events: toEvents(message) } : { ...r, json: message };
    },
  };
  const outcome = await area(noCall);
  expect(outcome.checks.filter((c) => c.status === 'failed')).toEqual([]);
  expect(outcome.checks.find((c) => c.id === 'thinking_round_trip')).toMatchObject({ status: 'skipped', ran: 0 });
  const first = outcome.results.filter((r) => /thinking_round_trip\/\w+\/1_call$/.test(r.exchange.case.name));
  expect(first).toHaveLength(2);
  // Each step that cannot follow is noted, not sent: not applicable for its feature.
  for (const r of first)
    expect(outcome.unsent).toContainEqual({
      name: `${r.exchange.case.name}/not-applicable`,
      features: ['thinking_round_trip'],
      verdict: 'not_applicable',
      reason: expect.stringMatching(/called no tool/),
    });
  expect(outcome.results.some((r) => /thinking_round_trip\/\w+\/2_/.test(r.exchange.case.name))).toBe(false);
});

describe('a broken gateway fails exactly the check that owns its fault', () => {
  const mine = BROKEN.filter((f) =>
    [
      'empties-thinking-signatures-sent-back',
      'drops-images-in-tool-results',
      'forwards-only-first-tool-result',
      'drops-input-json-delta',
      'tool-result-is-error-crashes',
      'refuses-final-assistant-turn',
    ].includes(f.name),
  );
  test('each is in the catalogue', () => expect(mine).toHaveLength(6));
  test.each(mine.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const run = await withServer(fixture.fault, (url) => runSuite(url, KEY, fixture.env));
    expect([...run.failing].sort()).toEqual([...fixture.catches].sort());
  });

  test('the refused round trip names its step and what most likely changed the turn', async () => {
    const fixture = mine.find((f) => f.name === 'empties-thinking-signatures-sent-back')!;
    const outcome = await area(fixture.fault);
    const failure = outcome.checks.find((c) => c.id === 'thinking_round_trip')!.failures[0]!;
    expect(failure.detail).toMatch(
      /^Received: 400 invalid_request_error "messages\.1\.content\.0: Invalid `signature` in `thinking` block" to step 2 of the thinking round trip conversation/,
    );
    expect(failure.detail).toMatch(/gateway that rewrites or empties thinking blocks/);
    // The transcript is what the suite sent: the signature as the target gave it.
    expect(failure.exchange!.case.meta!.conversation!.transcript[1]).toMatch(
      /^2\. assistant: thinking \(\d+ characters, signature \d\d+ characters/,
    );
    // The console, results.json and report.html show the conversation so far.
    expect(formatFailures([failure], { apiKey: KEY })).toMatch(
      /Conversation so far:\n {4}1\. user: "What is the weather in Paris\? Use the get_weather tool\."\n {4}2\. assistant: thinking/,
    );
    const record = serializeArea(outcome, { apiKey: KEY }).checks.find((c) => c.id === 'thinking_round_trip')!
      .failures[0]!;
    expect(record.transcript).toEqual(failure.exchange!.case.meta!.conversation!.transcript);
    const html = renderHtml(await resultsOf([serializeArea(outcome, { apiKey: KEY })]));
    expect(html).toMatch(
      /<div class="label">Conversation so far<\/div><pre class="transcript">1\. user: &quot;What is the weather in Paris\? Use the get_weather tool\.&quot;\n2\. assistant: thinking/,
    );
  });
});

test('faithful variations pass the conversations cleanly', async () => {
  for (const fixture of FAITHFUL.filter((f) =>
    [
      'tool-input-in-one-character-pieces',
      'fragmented-crlf-padded-sse',
      'slow-stream',
      'extra-fields-everywhere',
      'server-tools-citations-and-2026-members',
      'newest-model-restrictions',
    ].includes(f.name),
  )) {
    const outcome = await area(fixture.fault);
    const failed = outcome.checks.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.failures[0]?.detail}`);
    expect({ fixture: fixture.name, failed }).toEqual({ fixture: fixture.name, failed: [] });
    expect(outcome.checks.find((c) => c.id === 'tool_round_trip')!.status).toBe('passed');
  }
});
