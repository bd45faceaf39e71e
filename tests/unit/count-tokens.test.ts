/**
 * The count-tokens area: its bodies are Messages bodies without the generation fields (valid ones
 * pass the count schema, invalid ones break it), the reference mock passes it cleanly, and each
 * broken count_tokens server is caught by the check its fault breaks.
 */
import { loadContract, type Contract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import { runFromEnv, type Run } from '../../src/suite/run';
import { evaluateArea, type AreaOutcome } from '../../src/suite/areas';
import { COUNT_TOKENS_AREA } from '../../src/suite/count-tokens-cases';
import { countTokensFields, generationFields, toCountBody } from '../../src/generate/count-tokens';
import { countTokensMatchesUsage } from '../../src/checks/count-tokens-usage';
import { formatFailures } from '../../src/report/format';
import type { Exchange, RequestCase } from '../../src/http/exchange';
import { COUNT_TOKENS_BROKEN, COUNT_TOKENS_MISSING, type CountTokensFixture } from '../fixtures/servers/count-tokens';

const KEY = 'fixture-key-0123456789';
jest.setTimeout(30_000);

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

async function against(
  fault: CountTokensFixture['fault'] | undefined,
  env: Record<string, string> = {},
): Promise<{ outcome: AreaOutcome; run: Run }> {
  const server = await startMock(contract, { apiKey: KEY, fault: fault?.(contract, KEY) });
  try {
    const run = await runFromEnv({
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: KEY,
      CONTRACT_RUNS: '12',
      CONTRACT_RETRIES: '0',
      ...env,
    });
    return { outcome: await evaluateArea(run, COUNT_TOKENS_AREA), run };
  } finally {
    await server.close();
  }
}
const failing = (o: AreaOutcome) =>
  o.checks.filter((c) => c.failures.some((f) => f.category === 'nonconformance')).map((c) => c.id);
const warning = (o: AreaOutcome) => o.checks.filter((c) => c.warnings.length).map((c) => c.id);

describe('count_tokens bodies', () => {
  let run: Run;
  let cases: RequestCase[];
  beforeAll(async () => {
    run = await runFromEnv({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_API_KEY: KEY, CONTRACT_RUNS: '50' });
    cases = COUNT_TOKENS_AREA.cases(run);
  });
  const counted = () => cases.filter((c) => c.operation === 'count_tokens');

  test("the fields kept are the count schema's; the generation fields are the rest of the Messages body", () => {
    expect(countTokensFields(contract)).toEqual(
      expect.arrayContaining(['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking']),
    );
    expect(generationFields(contract)).toEqual(
      expect.arrayContaining(['max_tokens', 'stream', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'metadata']),
    );
    expect(generationFields(contract)).not.toContain('messages');
    expect(
      toCountBody(contract, { model: 'm', messages: [], max_tokens: 3, stream: true, response_format: {} }),
    ).toEqual({ model: 'm', messages: [], response_format: {} });
  });

  test('every valid count body passes the count schema, every invalid one breaks it', () => {
    const op = contract.operation('count_tokens');
    const valid = counted().filter((c) => c.meta?.expect?.status === 200);
    const invalid = counted().filter((c) => c.meta?.mode === 'negative');
    for (const c of valid) expect([c.name, op.validateRequest(c.body)]).toEqual([c.name, []]);
    for (const c of invalid) expect([c.name, op.validateRequest(c.body).length > 0]).toEqual([c.name, true]);
    expect(invalid.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'count_tokens/negative/model_missing',
        'count_tokens/negative/messages_missing',
        'count_tokens/negative/extra_max_tokens',
        'count_tokens/negative/extra_stream',
      ]),
    );
  });

  test('generated bodies are few, seeded, and the edge cases cover system, tools, thinking, turns and scripts', () => {
    expect(counted().filter((c) => c.name.startsWith('count_tokens/generated/'))).toHaveLength(8);
    expect(COUNT_TOKENS_AREA.cases(run).map((c) => JSON.stringify(c.body))).toEqual(
      cases.map((c) => JSON.stringify(c.body)),
    );
    const names = counted().map((c) => c.name);
    for (const n of [
      'system_string',
      'system_text_blocks',
      'tools_tool_choice',
      'thinking_budget_minimum',
      'many_messages',
      'text_cjk',
    ])
      expect(names).toContain(`count_tokens/boundary/${n}`);
    // Cases about a generation field alone have nothing left to count.
    expect(
      names.filter((n) => /max_tokens|temperature|top_[kp]|stop_sequence/.test(n) && !n.includes('extra_')),
    ).toEqual([]);
  });

  test("each /v1/messages twin is its count case's body with max_tokens 1", () => {
    const twins = cases.filter((c) => c.operation === 'messages');
    expect(twins.length).toBeGreaterThanOrEqual(2);
    for (const t of twins) {
      const twin = [COUNT_TOKENS_AREA.probe!(run), ...cases].find((c) => c.name === t.meta?.countTwin)!;
      expect(twin.operation).toBe('count_tokens');
      expect(t.body).toEqual({ ...(twin.body as object), max_tokens: 1 });
    }
  });
});

describe('count_tokens_matches_usage', () => {
  const ex = (name: string, operation: 'count_tokens' | 'messages', json: unknown, countTwin?: string): Exchange =>
    ({
      case: { name, operation, meta: { mode: 'positive', countTwin } },
      request: { method: 'POST', url: 'http://127.0.0.1/v1/messages', headers: {}, body: '' },
      response: { status: 200, headers: {}, text: JSON.stringify(json), json },
      retried: [],
      unavailable: false,
      durationMs: 1,
    }) as Exchange;
  const judge = (count: number, usage: Record<string, number>) =>
    countTokensMatchesUsage.run({ contract, profile: 'full' }, [
      ex('c', 'count_tokens', { input_tokens: count }),
      ex('m', 'messages', { usage }, 'c'),
    ]);

  test('within max(10 tokens, 25%) it holds; further apart it warns, never fails', () => {
    expect(judge(14, { input_tokens: 5 })).toEqual([]);
    expect(judge(120, { input_tokens: 100 })).toEqual([]);
    expect(judge(100, { input_tokens: 20, cache_read_input_tokens: 80 })).toEqual([]);
    const far = judge(1000, { input_tokens: 100 });
    expect(far).toHaveLength(1);
    expect(far[0]!.finding.severity).toBe('warning');
    expect(far[0]!.exchange.case.name).toBe('c');
  });

  test('a count that is not a number is left to the schema check', () => {
    const r = countTokensMatchesUsage.run({ contract, profile: 'full' }, [
      ex('c', 'count_tokens', { input_tokens: '5' }),
      ex('m', 'messages', { usage: { input_tokens: 5 } }, 'c'),
    ]);
    expect(r).toEqual([]);
  });
});

describe('the count-tokens area', () => {
  test('the reference mock passes it with no failure and no warning', async () => {
    const { outcome, run } = await against(undefined);
    const found = outcome.checks.flatMap((c) => [...c.failures, ...c.warnings]);
    if (found.length) throw new Error(formatFailures(found, { apiKey: KEY }));
    expect(outcome.checks.find((c) => c.id === 'count_tokens_matches_usage')).toMatchObject({
      status: 'passed',
      ran: 3,
    });
    expect(outcome.checks.find((c) => c.id === 'operation_implemented')?.status).toBe('passed');
    expect(outcome.checks.filter((c) => c.status === 'skipped').map((c) => c.id)).toEqual([]);
    expect(run.budget.requests).toBe(outcome.results.length);
  });

  test.each(COUNT_TOKENS_BROKEN.map((f) => [f.name, f] as const))('%s is caught', async (_name, fixture) => {
    const { outcome } = await against(fixture.fault);
    for (const id of fixture.catches)
      if (!failing(outcome).includes(id))
        throw new Error(`${fixture.name}: expected ${id} to fail; failing: ${failing(outcome).join(', ') || 'none'}`);
    for (const id of fixture.warns ?? [])
      if (!warning(outcome).includes(id))
        throw new Error(`${fixture.name}: expected ${id} to warn; warning: ${warning(outcome).join(', ') || 'none'}`);
    if (!fixture.catches.length) expect(failing(outcome)).toEqual([]);
  });

  test('a target without count_tokens: skipped and reported once when not asked for', async () => {
    const { outcome } = await against(COUNT_TOKENS_MISSING.fault);
    expect(outcome.notImplemented).toBe('POST /v1/messages/count_tokens answered 404');
    expect(outcome.skipped).toMatch(/not implemented/);
    expect(outcome.checks.flatMap((c) => c.failures)).toEqual([]);
    expect(outcome.results).toHaveLength(1);
  });

  test('a target without count_tokens: operation_implemented fails once, and nothing else, when CONTRACT_OPERATIONS names it', async () => {
    const { outcome } = await against(COUNT_TOKENS_MISSING.fault, { CONTRACT_OPERATIONS: 'messages,count_tokens' });
    expect(failing(outcome)).toEqual(['operation_implemented']);
    expect(outcome.checks.find((c) => c.id === 'operation_implemented')!.failures).toHaveLength(1);
  });
});
