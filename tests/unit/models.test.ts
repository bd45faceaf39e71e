/**
 * Models: `GET /v1/models` walked to its end (limit, after_id, before_id), every listed id
 * and an alias retrieved, every listed model sent to /v1/messages. Each models check fails on a server
 * with its fault, the reference mock and faithful variations pass with no finding, and a target
 * without the endpoints is one "not implemented", never a failure of every request.
 */
import { loadContract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import { evaluateArea, type AreaOutcome } from '../../src/suite/areas';
import { runFromEnv } from '../../src/suite/run';
import { MODELS_AREA, MAX_FOLLOWED } from '../../src/suite/models-cases';
import { MODEL_CASE, WALK_MAX_PAGES } from '../../src/checks/models-walk';
import { formatFailures } from '../../src/report/format';
import { MODELS_BROKEN, MODELS_FAITHFUL, MODELS_NOT_IMPLEMENTED, type ModelsFixture } from '../fixtures/servers/models';

const KEY = 'fixture-key-0123456789';
jest.setTimeout(60_000);

const MOCK: ModelsFixture = { name: 'reference-mock', description: 'the reference mock', catches: [], fault: {} };

async function against(
  fixture: ModelsFixture,
  env: Record<string, string> = {},
): Promise<{ outcome: AreaOutcome; requests: number }> {
  const server = await startMock(await loadContract(), { apiKey: KEY, fault: fixture.fault, ...fixture.options });
  try {
    const run = await runFromEnv({
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: KEY,
      CONTRACT_RETRIES: '1',
      ...fixture.env,
      ...env,
    });
    const outcome = await evaluateArea(run, MODELS_AREA);
    return { outcome, requests: run.budget.requests };
  } finally {
    await server.close();
  }
}

const failing = (o: AreaOutcome) => o.checks.filter((c) => c.failures.length).map((c) => c.id);
const findings = (o: AreaOutcome) => o.checks.flatMap((c) => [...c.failures, ...c.warnings]);
const sent = (o: AreaOutcome, prefix: string) =>
  o.results.filter((r) => r.exchange.case.name.startsWith(prefix)).length;

describe('the reference mock', () => {
  let outcome: AreaOutcome;
  let requests: number;
  beforeAll(async () => ({ outcome, requests } = await against(MOCK)));

  test('passes every check of the area, with no failure and no warning', () => {
    const all = findings(outcome);
    if (all.length) throw new Error(formatFailures(all, { apiKey: KEY }));
    for (const c of outcome.checks) expect([c.id, c.status]).toEqual([c.id, 'passed']);
  });

  test('walks the list to its end, pages back once, retrieves and sends every listed model', async () => {
    const contract = await loadContract();
    const listed = Object.entries(contract.models).filter(([, m]) => !m.aliasOf).length;
    const pages = Math.ceil(listed / 3);
    expect(sent(outcome, MODEL_CASE.walk)).toBe(pages);
    expect(sent(outcome, MODEL_CASE.before)).toBe(1);
    expect(sent(outcome, MODEL_CASE.retrieve)).toBe(Math.min(listed, MAX_FOLLOWED));
    expect(sent(outcome, MODEL_CASE.alias)).toBe(1);
    expect(sent(outcome, MODEL_CASE.accepted)).toBe(Math.min(listed, MAX_FOLLOWED));
    // The static requests (9, the probe included), the walk, the page back, the retrieves with the alias, the messages.
    expect(requests).toBe(9 + pages + 1 + 2 * listed + 1);
    const ran = Object.fromEntries(outcome.checks.map((c) => [c.id, c.ran]));
    expect(ran).toMatchObject({
      models_pagination: pages + 1 + 3,
      models_newest_first: pages,
      model_retrieve_consistent: listed + 2,
      models_listed_accepted: listed,
    });
  });
});

describe('each models check catches its fault', () => {
  test.each(MODELS_BROKEN.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const { outcome } = await against(fixture);
    // One cause, one finding: only the check that owns the rule fails.
    expect(failing(outcome)).toEqual(fixture.catches);
  });

  test('a list that says has_more forever is reported, not followed', async () => {
    const { outcome } = await against(MODELS_BROKEN.find((f) => f.name === 'models-same-page-forever')!);
    expect(sent(outcome, MODEL_CASE.walk)).toBe(2);
    const keys = outcome.checks.find((c) => c.id === 'models_pagination')!.failures.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['models_pagination:endless', 'models_pagination:overlap']));
    // The models it did list are still retrieved and sent.
    expect(sent(outcome, MODEL_CASE.accepted)).toBeGreaterThan(0);
  });

  test('has_more on the last page: the empty page after it is named', async () => {
    const { outcome } = await against(MODELS_BROKEN.find((f) => f.name === 'models-has-more-always')!);
    const pagination = outcome.checks.find((c) => c.id === 'models_pagination')!;
    expect(pagination.failures.map((f) => f.key)).toContain('models_pagination:has_more');
    expect(pagination.failures[0]!.detail).toMatch(/Expected: has_more true only while another page follows/);
  });
});

test('a models failure names the rule and reproduces as a GET curl line, the key never printed', async () => {
  const { outcome } = await against(MODELS_BROKEN.find((f) => f.name === 'models-oldest-first')!);
  const text = formatFailures(
    outcome.checks.flatMap((c) => c.failures),
    { apiKey: KEY },
  );
  expect(text).toMatch(/Expected: more recently released models listed first/);
  expect(text).toMatch(/curl -sS -N -X GET '[^']*\/v1\/models\?limit=3&after_id=[^']*' \\\n/);
  expect(text).not.toMatch(/--data-raw/);
  expect(text).not.toContain(KEY);
});

describe('faithful variations pass cleanly', () => {
  test.each(MODELS_FAITHFUL.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const { outcome } = await against(fixture);
    const all = findings(outcome);
    if (all.length) throw new Error(formatFailures(all, { apiKey: KEY }));
    expect(outcome.checks.find((c) => c.id === 'model_retrieve_consistent')!.status).toBe('passed');
  });
});

describe('a target without /v1/models', () => {
  test('is skipped as not implemented when CONTRACT_OPERATIONS is unset: nothing fails', async () => {
    const { outcome, requests } = await against({ ...MODELS_NOT_IMPLEMENTED, env: {} });
    expect(outcome.notImplemented).toBe('GET /v1/models answered 404');
    expect(outcome.skipped).toMatch(/operation not implemented/);
    expect(findings(outcome)).toEqual([]);
    expect(requests).toBe(1);
  });

  test('fails operation_implemented once when CONTRACT_OPERATIONS names models, and nothing else', async () => {
    const { outcome } = await against(MODELS_NOT_IMPLEMENTED);
    expect(failing(outcome)).toEqual(['operation_implemented']);
    expect(outcome.checks.find((c) => c.id === 'operation_implemented')!.failures).toHaveLength(1);
  });
});

test('a request budget trims the follow-ups instead of skipping the area', async () => {
  const { outcome, requests } = await against(MOCK, { CONTRACT_MAX_REQUESTS: '40' });
  expect(requests).toBeLessThanOrEqual(40);
  expect(outcome.skipped).toBeUndefined();
  expect(failing(outcome)).toEqual([]);
  expect(sent(outcome, MODEL_CASE.retrieve)).toBeGreaterThan(0);
  expect(sent(outcome, MODEL_CASE.accepted)).toBeGreaterThan(0);
});

test('a list longer than the walk may go is a warning, not a failure; retrieves and messages stop at MAX_FOLLOWED', async () => {
  const extra = Array.from({ length: 120 }, (_, i) => `gateway-model-${i}`);
  const { outcome } = await against({ ...MOCK, options: { models: extra } });
  expect(failing(outcome)).toEqual([]);
  expect(sent(outcome, MODEL_CASE.walk)).toBe(WALK_MAX_PAGES);
  expect(findings(outcome).map((f) => f.key)).toEqual(['models_pagination:cap']);
  expect(sent(outcome, MODEL_CASE.retrieve)).toBe(MAX_FOLLOWED);
  expect(sent(outcome, MODEL_CASE.accepted)).toBe(MAX_FOLLOWED);
});

test('the schema profile sends the valid static requests only (no walk against a static-example mock)', async () => {
  const { outcome, requests } = await against(MOCK, { CONTRACT_PROFILE: 'schema' });
  expect(requests).toBe(4);
  expect(sent(outcome, MODEL_CASE.walk)).toBe(0);
  expect(failing(outcome)).toEqual([]);
});
