/**
 * Output a person can read: one finding per cause across the run (the areas and cases named),
 * warnings printed after the failures, grouped by check, and counted in the summary line; a
 * gateway's non-secret custom headers (a common word, a URL) print as they are everywhere.
 */
import { loadContract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import type { RunResults } from '../../src/report/results';
import { gatherCauses } from '../../src/report/causes';
import { failuresText, findingsText, warningsText } from '../../src/report/findings';
import { summaryText } from '../../src/report/summary';
import { renderHtml } from '../../src/report/html';
import { BROKEN } from '../fixtures/servers/catalogue';
import { runSuite, type SuiteRun } from '../helpers/run-suite';

jest.setTimeout(120_000);
const KEY = 'console-key-0123456789';

/** The run's results as the engine builds them (redacted and serialized, as results.json holds them). */
async function results(name: string, env: Record<string, string> = {}): Promise<{ run: SuiteRun; r: RunResults }> {
  const fixture = BROKEN.find((f) => f.name === name)!;
  const server = await startMock(await loadContract(), { apiKey: KEY, fault: fixture.fault });
  try {
    const run = await runSuite(server.url, KEY, { ...fixture.env, ...env });
    return { run, r: run.results };
  } finally {
    await server.close();
  }
}

describe('one finding per cause across the run', () => {
  let r: RunResults;
  beforeAll(async () => {
    ({ r } = await results('no-request-id'));
  });

  test('no request-id header: one cause, listing every area and case it was seen in', () => {
    const areasFailing = r.areas
      .filter((a) => a.checks.some((c) => c.id === 'request_id_header' && c.status === 'failed'))
      .map((a) => a.id);
    expect(areasFailing.length).toBeGreaterThanOrEqual(5);
    const causes = gatherCauses(r, 'failures').filter((c) => c.checkId === 'request_id_header');
    expect(causes).toHaveLength(1);
    expect(causes[0]!.areas).toEqual(areasFailing);
    const allCases = [
      ...new Set(
        r.areas.flatMap((a) =>
          a.checks.filter((c) => c.id === 'request_id_header').flatMap((c) => c.failures.flatMap((f) => f.cases)),
        ),
      ),
    ];
    expect(causes[0]!.cases).toEqual(allCases);
  });

  test('the console prints it once, naming the areas; the summary names the check once', () => {
    const text = failuresText(r);
    expect(text.match(/✗ .*\(request_id_header\)/g)).toHaveLength(1);
    expect(text).toMatch(
      new RegExp(`\\(request_id_header\\) \\[deviates\\] — in \\d+ areas \\(examples, valid-requests, `),
    );
    expect(text).toContain('Reproduce with:');
    const summary = summaryText(r, '/tmp/reports');
    expect(summary.match(/✗ request_id_header/g)).toHaveLength(1);
    expect(summary).toMatch(/✗ request_id_header: .* — in \d+ areas \(examples, /);
  });

  test('report.html shows it once with its areas; JUnit (results data) keeps one record per area', () => {
    const html = renderHtml(r);
    expect(html.match(/<span class="badge">request_id_header<\/span>/g)).toHaveLength(1);
    expect(html).toMatch(/in \d+ areas \(examples, valid-requests, /);
    expect(
      r.areas.filter((a) => a.checks.find((c) => c.id === 'request_id_header')?.status === 'failed').length,
    ).toBeGreaterThanOrEqual(5);
  });
});

describe('warnings are printed and counted', () => {
  let r: RunResults;
  beforeAll(async () => {
    ({ r } = await results('error-names-wrong-field'));
  });

  test('a check that only warned: its warning is printed after the failures, grouped by check', () => {
    expect(gatherCauses(r, 'failures').filter((c) => c.checkId === 'error_message_names_field')).toEqual([]);
    const text = warningsText(r);
    expect(text).toMatch(/^Warnings \(\d+ causes?; not counted as failures\):/);
    expect(text.match(/⚠ error_message_names_field: /g)).toHaveLength(1);
    expect(text).toMatch(/max_tokens: Field required/);
    const all = findingsText(r);
    expect(all.indexOf('Warnings (')).toBeGreaterThan(
      all.indexOf('Failures (') === -1 ? -1 : all.indexOf('Failures ('),
    );
  });

  test('the summary line counts the warnings; report.html lists them', () => {
    expect(r.totals.warnings).toBe(gatherCauses(r, 'warnings').length);
    expect(r.totals.warnings).toBeGreaterThan(0);
    expect(summaryText(r, '/tmp/reports').split('\n')[0]).toMatch(new RegExp(`, ${r.totals.warnings} warnings?;`));
    expect(renderHtml(r)).toMatch(/<h2>Warnings \(\d+, not counted as failures\)<\/h2>/);
  });
});

test('a gateway needing custom headers with a common word and a URL: Rule lines, bodies and curl lines print them as they are', async () => {
  const { r } = await results('no-request-id', {
    ANTHROPIC_CUSTOM_HEADERS: 'x-portkey-provider: anthropic\nx-portkey-custom-host: http://127.0.0.1:3456/v1',
  });
  const console = findingsText(r);
  const html = renderHtml(r);
  const json = JSON.stringify(r);
  // Only the key is filtered (the request's x-api-key header): nothing else.
  const around = (out: string) =>
    [...out.matchAll(/.{0,120}Filtered.{0,60}/g)]
      .map((m) => m[0])
      .filter((m) => !/x-api-key["']?:\s*"?\[Filtered\]/.test(m));
  for (const out of [console, html, json]) expect(around(out)).toEqual([]);
  expect(console).toContain("-H 'x-portkey-provider: anthropic'");
  expect(console).toContain("-H 'x-portkey-custom-host: http://127.0.0.1:3456/v1'");
  expect(console).toContain('-H "x-api-key: $ANTHROPIC_API_KEY"');
  expect(console).not.toContain(KEY);
  expect(json).not.toContain(KEY);
  expect(console).toMatch(/Rule: .*https:\/\/docs\.anthropic\.com\//);
});
