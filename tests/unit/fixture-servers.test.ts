/**
 * Every check is shown to fail: the suite runs against each deliberately broken server, on the
 * areas that report the check(s) its fault breaks, and must name them; against the faithful
 * variations the whole suite must pass cleanly.
 */
import { loadContract } from '../../src/contract/spec';
import { startMock, type Fault, type RunningServer } from '../../src/mock/server';
import { AREAS, areaCheckIds, CHECK_IDS } from '../../src/suite/areas';
import { formatFailures } from '../../src/report/format';
import { BROKEN, FAITHFUL, UNAVAILABLE, type FixtureServer } from '../fixtures/servers/catalogue';
import { runSuite } from '../helpers/run-suite';
import { COUNT_TOKENS_BROKEN, COUNT_TOKENS_MISSING } from '../fixtures/servers/count-tokens';
import { MODELS_BROKEN, MODELS_NOT_IMPLEMENTED } from '../fixtures/servers/models';
import { TIMING_BROKEN } from '../fixtures/servers/timing';
import { FEATURE_FIXTURES } from '../fixtures/servers/features';

const KEY = 'fixture-key-0123456789';
jest.setTimeout(30_000);

/** The catalogue's faults are Messages faults: other operations (count_tokens) answer as the mock does (their own fixtures break them). */
const messagesOnly = ({ request, alter, write }: Fault): Fault => ({
  write,
  request: request && ((q) => (q.path === '/v1/messages' ? request(q) : q)),
  alter: alter && ((r, q) => (q.path === '/v1/messages' ? alter(r, q) : r)),
});

/** The areas that report any of the fixture's checks: where its fault must show. */
const areasReporting = (f: FixtureServer) =>
  AREAS.filter((a) => [...f.catches, ...(f.warns ?? [])].some((id) => areaCheckIds(a).includes(id))).map((a) => a.id);

async function against(fixture: FixtureServer, areas?: string[]) {
  const server: RunningServer = await startMock(await loadContract(), {
    apiKey: KEY,
    fault: messagesOnly(fixture.fault),
  });
  try {
    return await runSuite(server.url, KEY, fixture.env, areas);
  } finally {
    await server.close();
  }
}

describe('broken servers: each check catches its fault', () => {
  test.each(BROKEN.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const run = await against(fixture, areasReporting(fixture));
    for (const id of fixture.catches) {
      if (!run.failing.has(id))
        throw new Error(
          `${fixture.name} (${fixture.description}): expected ${id} to fail; failing: ${[...run.failing].join(', ') || 'none'}`,
        );
    }
    const warning = new Set(run.outcomes.flatMap((o) => o.checks.flatMap((c) => c.warnings.map((w) => w.checkId))));
    for (const id of fixture.warns ?? []) {
      if (!warning.has(id))
        throw new Error(
          `${fixture.name} (${fixture.description}): expected ${id} to warn; warning: ${[...warning].join(', ') || 'none'}`,
        );
      expect(run.failing.has(id)).toBe(false); // a warning-only check never fails
    }
  });

  test('every check is caught by at least one broken server', () => {
    // Warning-only checks are shown warning on a faithful server (new values are allowed). The
    // count_tokens, models, stream timing and feature fixtures are proven in count-tokens.test.ts, models.test.ts, stream-timing.test.ts and features.test.ts.
    const caught = new Set(
      [
        ...BROKEN,
        ...FAITHFUL,
        ...COUNT_TOKENS_BROKEN,
        COUNT_TOKENS_MISSING,
        ...MODELS_BROKEN,
        MODELS_NOT_IMPLEMENTED,
        ...TIMING_BROKEN,
        ...FEATURE_FIXTURES,
      ].flatMap((f) => [...f.catches, ...(f.warns ?? [])]),
    );
    // A check of the client's request judges the other side: proxy.test.ts shows it failing on a wrong client.
    const clientChecks = ['client_request_conforms'];
    expect(CHECK_IDS.filter((id) => !caught.has(id) && !clientChecks.includes(id))).toEqual([]);
  });
});

describe('faithful servers pass cleanly', () => {
  test.each(FAITHFUL.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const run = await against(fixture);
    if (run.failures.length)
      throw new Error(`${fixture.name}: false alarms\n${formatFailures(run.failures, { apiKey: KEY })}`);
    const warning = new Set(run.outcomes.flatMap((o) => o.checks.flatMap((c) => c.warnings.map((w) => w.checkId))));
    expect([...warning].filter((id) => id === 'new_values_named')).toEqual(
      fixture.warns?.filter((id) => id === 'new_values_named') ?? [],
    );
    expect(warning.has('stream_not_buffered')).toBe(false); // no faithful pace is called buffered
    for (const id of fixture.warns ?? []) expect(warning.has(id)).toBe(true);
    const ran = run.outcomes.flatMap((o) => o.checks.filter((c) => c.status === 'passed'));
    expect(ran.length).toBeGreaterThan(40);
  });
});

test('a failure of a check an area does not list is still reported, under other_checks', async () => {
  // The valid-requests area lists no error_envelope check (no errors are due there); an OpenAI-style
  // 500 on a valid request still breaks the envelope rule, and that must not be lost.
  const run = await against(BROKEN.find((f) => f.name === 'openai-style-errors-on-valid')!);
  const other = run.outcomes.find((o) => o.area.id === 'valid-requests')!.checks.find((c) => c.id === 'other_checks')!;
  expect(other.status).toBe('failed');
  expect(other.failures.map((f) => f.checkId)).toContain('error_envelope');
});

test('a new stop_reason is reported as a warning to look at, never as a failure', async () => {
  const run = await against(FAITHFUL.find((f) => f.name === 'new-stop-reason')!);
  const warnings = run.outcomes.flatMap((o) => o.checks.flatMap((c) => c.warnings));
  expect(warnings.map((w) => w.checkId)).toContain('stop_reason_known');
  expect(warnings[0]!.detail).toMatch(/refusal_v2/);
});

test('an expectation nothing shows the real API holding is a warning marked unverified, never a failure', async () => {
  const run = await against(FAITHFUL.find((f) => f.name === 'parses-any-content-type')!);
  expect(run.failures).toEqual([]);
  const warning = run.outcomes
    .flatMap((o) => o.checks.flatMap((c) => c.warnings))
    .find((w) => w.exchange?.case.name === 'negative/wrong_content_type');
  expect(warning).toMatchObject({ checkId: 'negative_data_rejection', severity: 'warning' });
  expect(warning!.detail).toMatch(/Unverified expectation/);
});

test.each(UNAVAILABLE.map((f) => [f.name, f] as const))(
  '%s is reported unavailable, not non-conformant',
  async (_name, fixture) => {
    const run = await against(fixture);
    expect([...run.failing]).toEqual([]);
    expect(run.unavailable.has('transport_complete')).toBe(true);
  },
);
