/**
 * Feature verdicts: each verdict is reachable from what the checks found, each feature fixture fails
 * exactly the check that owns its fault and gives its feature the verdict it deserves, and the
 * reference mock supports every feature the suite probes.
 */
import { loadContract } from '../../src/contract/spec';
import { startMock, type RunningServer } from '../../src/mock/server';
import { AREAS, evaluateArea, type AreaDef } from '../../src/suite/areas';
import { runFromEnv } from '../../src/suite/run';
import { caseEvidence, featureVerdicts, verdictsOf, type FeatureResult } from '../../src/features/verdicts';
import { featuresSummary } from '../../src/report/features';
import { renderHtml } from '../../src/report/html';
import { resultsOf } from '../helpers/results';
import { serializeArea } from '../../src/report/serialize';
import { formatFailures } from '../../src/report/format';
import { readConfig, ConfigError } from '../../src/config';
import type { RequestCase } from '../../src/http/exchange';
import type { FeatureId } from '../../src/features/ids';
import { runSuite } from '../helpers/run-suite';
import { FEATURE_FIXTURES } from '../fixtures/servers/features';
import { COUNT_TOKENS_MISSING } from '../fixtures/servers/count-tokens';

const KEY = 'fixture-key-0123456789';
jest.setTimeout(60_000);

const verdict = (vs: FeatureResult[], id: string) => vs.find((v) => v.id === id)!;

async function withMock<T>(
  f: (server: RunningServer) => Promise<T>,
  fault?: Parameters<typeof startMock>[1]['fault'],
): Promise<T> {
  const server = await startMock(await loadContract(), { apiKey: KEY, fault });
  try {
    return await f(server);
  } finally {
    await server.close();
  }
}

/** A small area of hand-made cases, run against the mock. */
async function area(
  cases: (model: string) => RequestCase[],
  env: Record<string, string> = {},
  fault?: Parameters<typeof startMock>[1]['fault'],
) {
  return withMock(async (server) => {
    const run = await runFromEnv({
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: KEY,
      CONTRACT_RETRIES: '0',
      ...env,
    });
    const def: AreaDef = {
      id: 'probe',
      title: 'probe',
      profiles: ['full'],
      group: 'messages',
      checks: ['positive_data_acceptance', 'stop_sequence_honoured'],
      cases: () => cases(run.config.model),
    };
    return evaluateArea(run, def);
  }, fault);
}

const hello = (
  model: string,
  name: string,
  features: FeatureId[],
  extra: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): RequestCase => ({
  name,
  operation: 'messages',
  body: { model, max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }], ...extra },
  meta: { mode: 'semantic', expect: { status: 200 }, features, ...meta },
});

describe('the verdict function', () => {
  test("supported: every check on the feature's requests passed", async () => {
    const outcome = await area((m) => [hello(m, 'a', ['text'])]);
    const v = verdict(verdictsOf([outcome]), 'text');
    expect(v.verdict).toBe('supported');
    expect(v.cases.passed).toEqual(['a']);
  });

  test('broken: a check failed on one of its requests (only the feature that check owns)', async () => {
    const stopAsEnd = FEATURE_FIXTURES.find((f) => f.name === 'stop-sequence-as-end-turn')!.fault(
      await loadContract(),
      KEY,
    );
    const outcome = await area(
      (m) => [
        hello(m, 'stop', ['stop_sequences', 'text'], {
          stop_sequences: ['STOP'],
          messages: [{ role: 'user', content: 'Repeat exactly: one two STOP three' }],
        }),
      ],
      {},
      stopAsEnd,
    );
    const vs = verdictsOf([outcome]);
    expect(verdict(vs, 'stop_sequences')).toMatchObject({
      verdict: 'broken',
      failedChecks: ['stop_sequence_honoured'],
    });
    // The check speaks for stop sequences only: the text the request also carried is not broken by it.
    expect(verdict(vs, 'text').verdict).toBe('supported');
  });

  test('refused: a clean 4xx naming the optional feature; a warning unless required', async () => {
    const refuse = {
      alter: (r: import('../../src/mock/handle').MockResult) =>
        r.request?.thinking
          ? {
              ...r,
              status: 400,
              events: undefined,
              json: {
                type: 'error',
                error: { type: 'invalid_request_error', message: 'thinking is not supported by this deployment' },
              },
            }
          : r,
    };
    const cases = (m: string) => [
      hello(m, 'think', ['thinking'], { max_tokens: 1100, thinking: { type: 'enabled', budget_tokens: 1024 } }),
    ];
    const optional = await area(cases, {}, refuse);
    expect(verdict(verdictsOf([optional]), 'thinking').verdict).toBe('refused');
    expect(optional.checks.find((c) => c.id === 'positive_data_acceptance')).toMatchObject({ status: 'passed' });
    expect(optional.checks.find((c) => c.id === 'positive_data_acceptance')!.warnings[0]!.detail).toMatch(
      /refuses Extended thinking/,
    );
    const required = await area(cases, { CONTRACT_REQUIRE_FEATURES: 'thinking' }, refuse);
    expect(verdict(verdictsOf([required], ['thinking']), 'thinking')).toMatchObject({
      verdict: 'refused',
      required: true,
    });
    expect(required.checks.find((c) => c.id === 'positive_data_acceptance')).toMatchObject({ status: 'failed' });
  });

  test('a 4xx that does not name the feature, or a core feature refused, is broken', async () => {
    const vague = {
      alter: (r: import('../../src/mock/handle').MockResult) =>
        r.request?.system
          ? {
              ...r,
              status: 400,
              json: {
                type: 'error',
                error: { type: 'invalid_request_error', message: 'system prompts are not supported' },
              },
            }
          : r,
    };
    const outcome = await area((m) => [hello(m, 'sys', ['system'], { system: 'Be brief.' })], {}, vague);
    expect(verdict(verdictsOf([outcome]), 'system').verdict).toBe('broken');
    // A documented member called an extra input (cache_control passed to an upstream that rejects it) names the feature, yet is no refusal.
    const rejectsCacheControl = {
      alter: (r: import('../../src/mock/handle').MockResult) =>
        JSON.stringify(r.request ?? {}).includes('cache_control')
          ? {
              ...r,
              status: 400,
              json: {
                type: 'error',
                error: {
                  type: 'invalid_request_error',
                  message: 'system.0.cache_control: Extra inputs are not permitted',
                },
              },
            }
          : r,
    };
    const cached = await area(
      (m) => [
        hello(m, 'cache', ['prompt_caching'], {
          system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
        }),
      ],
      {},
      rejectsCacheControl,
    );
    expect(verdict(verdictsOf([cached]), 'prompt_caching').verdict).toBe('broken');
  });

  test("not applicable: a step the target's answers never reached; not tested: not selected", async () => {
    const outcome = await area(
      (m) => [
        hello(m, 'step', ['tool_round_trip'], {}, { notApplicable: 'the model called no tool' }),
        hello(m, 'img', ['images']),
        hello(m, 'txt', ['text']),
      ],
      { CONTRACT_FEATURES: 'text,tool_round_trip' },
    );
    expect(outcome.results.map((r) => r.exchange.case.name)).toEqual(['txt']);
    const vs = verdictsOf([outcome]);
    expect(verdict(vs, 'tool_round_trip')).toMatchObject({
      verdict: 'not_applicable',
      reason: 'the model called no tool',
    });
    expect(verdict(vs, 'images').verdict).toBe('not_tested');
    expect(verdict(vs, 'images').reason).toMatch(/CONTRACT_FEATURES/);
    expect(verdict(vs, 'models')).toMatchObject({
      verdict: 'not_tested',
      reason: 'no request in this run exercises it',
    });
  });

  test('broken wins over refused, refused over supported, across areas', () => {
    const ev = (outcome: 'passed' | 'refused' | 'broken') => ({
      case: outcome,
      area: 'x',
      features: { images: { outcome, ...(outcome === 'broken' ? { failed: ['content_counted'] } : {}) } },
    });
    expect(verdict(featureVerdicts([ev('passed'), ev('refused')]), 'images').verdict).toBe('refused');
    expect(verdict(featureVerdicts([ev('passed'), ev('refused'), ev('broken')]), 'images')).toMatchObject({
      verdict: 'broken',
      failedChecks: ['content_counted'],
    });
  });

  test('an operation the target does not implement: refused, unless CONTRACT_OPERATIONS names it (broken)', async () => {
    const missing = COUNT_TOKENS_MISSING.fault(await loadContract(), KEY);
    const countArea = AREAS.find((a) => a.id === 'count-tokens')!;
    for (const [env, expected] of [
      [{}, 'refused'],
      [{ CONTRACT_OPERATIONS: 'messages,count_tokens' }, 'broken'],
    ] as const) {
      const outcome = await withMock(
        async (server) =>
          evaluateArea(await runFromEnv({ ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: KEY, ...env }), countArea),
        missing,
      );
      expect(verdict(verdictsOf([outcome]), 'count_tokens')).toMatchObject({
        verdict: expected,
        reason: expect.stringMatching(/not implemented: POST \/v1\/messages\/count_tokens answered 404/),
      });
    }
  });

  test('a skipped area says why its features were not tested', async () => {
    const outcome = await withMock(async (server) => {
      const run = await runFromEnv({
        ANTHROPIC_BASE_URL: server.url,
        ANTHROPIC_API_KEY: KEY,
        CONTRACT_PROFILE: 'schema',
      });
      const def: AreaDef = {
        id: 'probe',
        title: 'probe',
        profiles: ['full'],
        group: 'messages',
        checks: [],
        cases: () => [hello(run.config.model, 'img', ['images'])],
      };
      return evaluateArea(run, def);
    });
    expect(verdict(verdictsOf([outcome]), 'images')).toMatchObject({
      verdict: 'not_tested',
      reason: 'area not in the schema profile',
    });
  });
});

test('settings: CONTRACT_FEATURES and CONTRACT_REQUIRE_FEATURES name known features', () => {
  const base = { ANTHROPIC_BASE_URL: 'http://127.0.0.1:1', ANTHROPIC_API_KEY: 'k' };
  expect(readConfig(base).features).toMatchObject({ chosen: false });
  expect(readConfig({ ...base, CONTRACT_FEATURES: 'images, text' }).features).toEqual({
    ids: ['text', 'images'],
    chosen: true,
  });
  expect(readConfig({ ...base, CONTRACT_REQUIRE_FEATURES: 'thinking' }).requireFeatures).toEqual(['thinking']);
  expect(() => readConfig({ ...base, CONTRACT_FEATURES: 'vision' })).toThrow(ConfigError);
  expect(() => readConfig({ ...base, CONTRACT_MODEL_PROBES: 'yes' })).toThrow(/CONTRACT_MODEL_PROBES/);
});

describe('feature fixtures: each fails the check that owns its fault, and its feature gets its verdict', () => {
  test.each(FEATURE_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const contract = await loadContract();
    const run = await withMock(
      (server) => runSuite(server.url, KEY, { CONTRACT_RUNS: '4', ...fixture.env }),
      fixture.fault(contract, KEY),
    );
    const failing = [...run.failing];
    if (fixture.catches.length === 0 && run.failures.length)
      throw new Error(`${fixture.name}: false alarms\n${formatFailures(run.failures, { apiKey: KEY })}`);
    expect(failing.sort()).toEqual([...fixture.catches].sort());
    const warning = new Set(run.outcomes.flatMap((o) => o.checks.flatMap((c) => c.warnings.map((w) => w.checkId))));
    for (const id of fixture.warns ?? []) expect([id, warning.has(id)]).toEqual([id, true]);
    const vs = verdictsOf(
      run.outcomes,
      fixture.env?.CONTRACT_REQUIRE_FEATURES ? [fixture.env.CONTRACT_REQUIRE_FEATURES as 'images'] : [],
    );
    for (const [id, v] of Object.entries(fixture.verdicts)) expect([id, verdict(vs, id).verdict]).toEqual([id, v]);
  });
});

test('the reference mock supports every feature the suite probes, and results.json / the report / the summary carry the verdicts', async () => {
  const run = await withMock((server) => runSuite(server.url, KEY, { CONTRACT_RUNS: '4' }));
  if (run.failures.length) throw new Error(`false alarms\n${formatFailures(run.failures, { apiKey: KEY })}`);
  const warnings = run.outcomes
    .flatMap((o) => o.checks.flatMap((c) => c.warnings))
    .filter((w) => ['prompt_cache_accounting', 'citations_valid', 'content_counted'].includes(w.checkId));
  expect(warnings).toEqual([]);
  const records = run.outcomes.map((o) => serializeArea(o, { apiKey: KEY }));
  const results = await resultsOf(records, { embedded: true, runs: 4 });
  // From the records alone, as results.json is rebuilt: the same verdicts as from the outcomes.
  expect(results.features).toEqual(featureVerdicts(run.outcomes.flatMap(caseEvidence)));
  // The conversation area (another module) gives the round trips; everything else is probed here.
  const elsewhere = ['parallel_tools', 'tool_round_trip', 'thinking_round_trip', 'prefill'];
  for (const f of results.features.filter((x) => !elsewhere.includes(x.id)))
    expect([f.id, f.verdict]).toEqual([f.id, 'supported']);
  expect(featuresSummary(results.features)).toMatch(/^Features: supported: text, system, streaming/);
  expect(renderHtml(results)).toMatch(
    /<h2>Features<\/h2><table class="feat">.*Prompt caching \(cache_control\).*supported/s,
  );
});
