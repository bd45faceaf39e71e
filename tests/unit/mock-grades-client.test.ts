/**
 * The mock grades its client. The official SDK (@anthropic-ai/sdk, faithful) gets a clean report,
 * its retries under injected 529 / 429 included; a deliberately wrong client
 * (tests/fixtures/clients/wrong-client.ts) gets, for each fault, exactly its finding. The reports
 * are a run's (results.json, report.html, junit.xml), from startMock's `report` and the command's
 * `mock --report`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { loadContract, type Contract } from '../../src/contract/spec';
import { startMock, type ServerOptions } from '../../src/mock/server';
import type { ClientReport } from '../../src/mock/client-grader';
import type { RunResults } from '../../src/report/results';
import { seeded } from '../../src/mock/chaos';
import { main } from '../../src/cli/main';
import { startMock as publicStartMock } from '../../src/index';
import { WRONG_CLIENT, type WrongClientFault } from '../fixtures/clients/wrong-client';
import { tempDir } from '../helpers/temp';

jest.setTimeout(30_000);

const KEY = 'sk-ant-grade-test';
let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

async function graded(options: Partial<ServerOptions>, drive: (url: string) => Promise<void>): Promise<ClientReport> {
  const server = await startMock(contract, { apiKey: KEY, gradeClient: true, ...options });
  try {
    await drive(server.url);
    return server.clientReport!();
  } finally {
    await server.close();
  }
}

/** Every finding as `check id: key (severity)`. */
const findings = (r: RunResults) =>
  r.areas
    .flatMap((a) =>
      a.checks.flatMap((c) => [...c.failures, ...c.warnings].map((f) => `${c.id}: ${f.key} (${f.severity})`)),
    )
    .sort();
const statusOf = (r: RunResults, id: string) => r.areas[0]!.checks.find((c) => c.id === id)!.status;

/** A seed whose draws, at `rate`, give these faults (true) and clean answers (false) in order. */
const seedFor = (rate: number, pattern: boolean[]) =>
  Array.from({ length: 1_000_000 }, (_, i) => i).find((i) => {
    const r = seeded(i);
    return pattern.every((hit) => r() < rate === hit);
  })!;

describe('the official SDK gets a clean report', () => {
  const hello = {
    model: 'claude-sonnet-4-6',
    max_tokens: 64,
    messages: [{ role: 'user' as const, content: 'Hello there' }],
  };
  const weather = {
    name: 'get_weather',
    description: 'The weather in a city.',
    input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
  };

  test('calls, streams, a tool round trip, thinking sent back, count_tokens, models — and its retries under injected 529 / 429 honour retry-after', async () => {
    // Overload on the 1st and 3rd draws (the first two calls), at one in two, with retry-after 1 s; none after (models.list pages too).
    const seed = seedFor(0.5, [true, false, true, false, ...Array<boolean>(16).fill(false)]);
    const started = Date.now();
    const report = await graded({ chaos: { overloadedRate: 0.5, retryAfterSeconds: 1, seed } }, async (url) => {
      const c = new Anthropic({ baseURL: url, apiKey: KEY, maxRetries: 3 });
      await c.messages.create(hello);
      await c.messages
        .stream({ ...hello, messages: [{ role: 'user', content: 'Tell me about the sea' }] })
        .finalMessage();
      const ask = { ...hello, tools: [weather], messages: [{ role: 'user' as const, content: 'Weather in Paris?' }] };
      const first = await c.messages.create({ ...ask, tool_choice: { type: 'tool', name: 'get_weather' } });
      const call = first.content.find((b) => b.type === 'tool_use')!;
      await c.messages.create({
        ...ask,
        messages: [
          ...ask.messages,
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny' }] },
        ],
      });
      const think = { ...hello, max_tokens: 1100, thinking: { type: 'enabled' as const, budget_tokens: 1024 } };
      const thought = await c.messages.stream(think).finalMessage();
      await c.messages.create({
        ...think,
        messages: [
          ...think.messages,
          { role: 'assistant', content: thought.content },
          { role: 'user', content: 'Go on' },
        ],
      });
      await c.messages.countTokens({ model: hello.model, messages: hello.messages });
      for await (const m of c.models.list({ limit: 5 })) void m;
    });
    expect(findings(report.results)).toEqual([]);
    expect(report.results.totals.failing).toBe(0);
    // The retries happened, were seen, and waited: two 529s, each retried after at least 1 s.
    expect(statusOf(report.results, 'client_honours_retry_after')).toBe('passed');
    expect(report.results.areas[0]!.checks.find((c) => c.id === 'client_honours_retry_after')!.ran).toBe(2);
    expect(report.requests.filter((v) => v.status === 529)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    for (const id of [
      'client_request_headers',
      'client_request_schema',
      'client_no_sampling_2026_10_21',
      'client_tool_result_matches_tool_use',
      'client_thinking_unchanged',
    ])
      expect(statusOf(report.results, id)).toBe('passed');
    expect(report.requests.every((v) => v.findings.length === 0)).toBe(true);
  });

  test('an injected 429 with retry-after 1 s: the SDK waits and the report stays clean', async () => {
    const seed = seedFor(0.5, [true, false]);
    const report = await graded({ chaos: { rateLimitedRate: 0.5, retryAfterSeconds: 1, seed } }, async (url) => {
      await new Anthropic({ baseURL: url, apiKey: KEY, maxRetries: 2 }).messages.create(hello);
    });
    expect(report.requests.map((v) => v.status)).toEqual([429, 200]);
    expect(findings(report.results)).toEqual([]);
    expect(statusOf(report.results, 'client_honours_retry_after')).toBe('passed');
  });

  test('streams cut by an in-stream error or a dropped connection: what the SDK does after them is clean', async () => {
    const report = await graded(
      { chaos: { streamErrorRate: 0.5, dropRate: 0.25, tokensPerSecond: 500, seed: 3 } },
      async (url) => {
        const c = new Anthropic({ baseURL: url, apiKey: KEY, maxRetries: 2 });
        for (const content of [
          'Tell me about the sea and the sky',
          'And the stars over the hills',
          'And the moon on the water',
        ])
          await c.messages
            .stream({ ...hello, messages: [{ role: 'user', content }] })
            .finalMessage()
            .catch(() => undefined);
        await c.messages.create(hello).catch(() => undefined);
      },
    );
    expect(report.results.areas[0]!.checks.find((c) => c.id === 'client_cut_stream_not_complete')!.ran).toBeGreaterThan(
      0,
    );
    expect(findings(report.results)).toEqual([]);
  });

  test('probes outside the API (`/`, `/health`) are not judged', async () => {
    const report = await graded({}, async (url) => {
      await fetch(`${url}/health`);
      await fetch(url);
    });
    expect(findings(report.results)).toEqual([]);
    expect(report.requests).toHaveLength(2);
  });

  test('a rule nothing exercised is skipped with its reason, never reported as passed', async () => {
    const report = await graded({}, async (url) => {
      await new Anthropic({ baseURL: url, apiKey: KEY }).messages.create(hello);
    });
    const check = report.results.areas[0]!.checks.find((c) => c.id === 'client_honours_retry_after')!;
    expect(check).toMatchObject({ status: 'skipped', ran: 0 });
    expect(check.reason).toMatch(/nothing/);
  });
});

describe('a wrong client: each fault gives exactly its finding', () => {
  const cases: Array<[WrongClientFault, Partial<ServerOptions>, string[]]> = [
    ['invalidBody', {}, ['client_request_schema: schema max_tokens (error)']],
    ['missingVersion', {}, ['client_request_headers: version anthropic-version (error)']],
    ['samplingUnder2026', {}, ['client_no_sampling_2026_10_21: sampling_removed_in_2026_10_21 temperature (error)']],
    [
      'ignoresRetryAfter',
      { chaos: { rateLimitedRate: 1, retryAfterSeconds: 5 } },
      ['client_honours_retry_after: retried 429 early (error)'],
    ],
    // The docs state retry-after for 429 only: on a 529 it is a warning.
    [
      'ignoresRetryAfter',
      { chaos: { overloadedRate: 1, retryAfterSeconds: 5 } },
      ['client_honours_retry_after: retried 529 early (warning)'],
    ],
    // The retried request is itself refused: its refusal, twice, and the retry.
    [
      'retriesRefused',
      {},
      ['client_no_retry_of_refused: retried 400 (warning)', 'client_request_schema: schema max_tokens (error)'],
    ],
    ['wrongToolResultId', {}, ['client_tool_result_matches_tool_use: no tool_use in the previous message (error)']],
    ['rewritesToolUseIds', {}, ['client_tool_result_matches_tool_use: tool_use the mock never sent (warning)']],
    ['altersThinking', {}, ['client_thinking_unchanged: thinking text altered (error)']],
    ['altersSignature', {}, ['client_thinking_unchanged: signature altered (error)']],
    ['thinkingBudgetTooLarge', {}, ['client_request_rules: thinking_budget_below_max_tokens max_tokens (error)']],
    ['unknownModel', {}, ['client_model_served: model (warning)']],
    [
      'reusesCutStream',
      { chaos: { streamErrorRate: 1 } },
      ['client_cut_stream_not_complete: partial text as a finished turn (warning)'],
    ],
    // Paced, so that the deltas before the drop reach the client.
    [
      'reusesCutStream',
      { chaos: { dropRate: 1, tokensPerSecond: 200 } },
      ['client_cut_stream_not_complete: partial text as a finished turn (warning)'],
    ],
  ];

  test.each(cases)('%s %j', async (fault, options, expected) => {
    const report = await graded(options, (url) => WRONG_CLIENT[fault]({ url, key: KEY }));
    expect(findings(report.results)).toEqual(expected);
    const errors = expected.filter((e) => e.endsWith('(error)')).map((e) => e.split(':')[0]);
    expect(
      report.results.areas[0]!.checks.filter((c) => c.status === 'failed')
        .map((c) => c.id)
        .sort(),
    ).toEqual([...new Set(errors)].sort());
    // The verdicts name the requests at fault.
    expect(report.requests.some((v) => v.findings.length > 0)).toBe(true);
  });

  test('a finding names its source, the request, and the answer', async () => {
    const report = await graded({}, (url) => WRONG_CLIENT.samplingUnder2026({ url, key: KEY }));
    const f = report.results.areas[0]!.checks.find((c) => c.id === 'client_no_sampling_2026_10_21')!.failures[0]!;
    expect(f.source).toBe('https://platform.claude.com/docs/en/api/migration-2026-10-21');
    expect(f.case).toBe('request #1 POST /v1/messages');
    expect(f.request!.body).toContain('"temperature":0.2');
    expect(f.request!.headers['x-api-key']).not.toContain(KEY);
    expect(f.response).toMatch(/^400 .*temperature: Extra inputs are not permitted/);
  });
});

describe('the reports', () => {
  test("startMock's report option writes results.json, report.html and junit.xml on close", async () => {
    const dir = tempDir('grade-');
    const server = await startMock(contract, { apiKey: KEY, report: dir });
    await WRONG_CLIENT.wrongToolResultId({ url: server.url, key: KEY });
    await server.close();
    const results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
    expect(results.areas.map((a) => a.id)).toEqual(['client']);
    expect(results.totals).toMatchObject({ failed: 1, requests: 2 });
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('client_tool_result_matches_tool_use');
    expect(readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toMatch(/failures="1"/);
  });

  test('the public startMock: gradeClient keeps the verdicts for clientReport()', async () => {
    const mock = await publicStartMock({ apiKey: KEY, gradeClient: true });
    try {
      await WRONG_CLIENT.missingVersion({ url: mock.url, key: KEY });
      const report = mock.clientReport!();
      expect(report.requests).toEqual([
        expect.objectContaining({
          n: 1,
          method: 'POST',
          path: '/v1/messages',
          status: 400,
          findings: [{ checkId: 'client_request_headers', severity: 'error', key: 'version anthropic-version' }],
        }),
      ]);
    } finally {
      await mock.close();
    }
  });

  test('`mock --report DIR`: the verdict on stop, and exit 1 when the client broke a rule', async () => {
    const dir = tempDir('grade-cli-');
    const lines: string[] = [];
    let stop!: () => void;
    let url = '';
    const io = {
      out: (l: string) => (lines.push(l), (url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(l)?.[1] ?? url)),
      err: (l: string) => lines.push(l),
    };
    const running = main(
      ['mock', '--report', dir],
      { ANTHROPIC_API_KEY: KEY },
      process.cwd(),
      io,
      new Promise<void>((r) => (stop = r)),
    );
    while (!url) await new Promise((r) => setTimeout(r, 10));
    await WRONG_CLIENT.missingVersion({ url, key: KEY });
    stop();
    expect(await running).toBe(1);
    expect(lines.join('\n')).toMatch(/client_request_headers/);
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
  });
});
