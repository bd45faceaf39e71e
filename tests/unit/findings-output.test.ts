/**
 * Findings a person can act on: server text never reaches an output as terminal control,
 * one cause is one finding with a count, every failing case is named, long bodies become case files
 * with a short curl line, unreadable recorded files are named (and never "conform"), and the hints
 * point at the user's setting.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { startMock, type RunningServer } from '../../src/mock/server';
import { toFailure } from '../../src/checks/failure';
import type { Exchange } from '../../src/http/exchange';
import { formatFailures, groupFailures } from '../../src/report/format';
import { serializeArea } from '../../src/report/serialize';
import { resultsOf } from '../helpers/results';
import { renderHtml } from '../../src/report/html';
import { escapeControls, hasControls } from '../../src/report/escape';
import { INLINE_BODY_MAX, safeCaseFileName } from '../../src/report/repro';
import { BROKEN, REDIRECT_TARGET, type FixtureServer } from '../fixtures/servers/catalogue';
import { runSuite, type SuiteRun } from '../helpers/run-suite';
import { runCommand } from '../helpers/run-command';
import { tempDir } from '../helpers/temp';

jest.setTimeout(120_000);

const KEY = 'findings-key-0123456789';
const tmp = (name: string) => tempDir(`findings-${name}-`);
// Any control character but newline and tab (the layout of excerpts).
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function against(fixture: FixtureServer | undefined, base = (url: string) => url): Promise<SuiteRun> {
  const server: RunningServer = await startMock(await loadContract(), { apiKey: KEY, fault: fixture?.fault ?? {} });
  try {
    return await runSuite(base(server.url), KEY, fixture?.env);
  } finally {
    await server.close();
  }
}
const fixture = (name: string) => BROKEN.find((f) => f.name === name)!;

/** Every string inside a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)])
        : [];

describe('server text is data, never terminal control', () => {
  test('escapeControls writes control characters as \\u escapes, keeping newlines and tabs', () => {
    expect(escapeControls('a\u001b[2Kb\u0007c\rd\u009be\u202ef\tg\nh')).toBe(
      'a\\u001b[2Kb\\u0007c\\rd\\u009be\\u202ef\tg\nh',
    );
    expect(hasControls('plain\ttext\n')).toBe(false);
    expect(hasControls('x\u001by')).toBe(true);
  });

  test('ESC / OSC / BEL / CR in error bodies reach neither the console text, nor results.json, nor the HTML raw', async () => {
    const run = await against(fixture('terminal-control-in-errors'));
    const failing = run.outcomes.flatMap((o) => o.checks.filter((c) => c.status === 'failed'));
    expect(failing.map((c) => c.id)).toContain('error_envelope');
    // The attack is really in what came back…
    expect(run.outcomes.flatMap((o) => o.results).some((r) => RAW_CONTROL.test(r.exchange.response?.text ?? ''))).toBe(
      true,
    );
    // …and in no output.
    const console = failing.map((c) => formatFailures(c.failures, { apiKey: KEY })).join('\n');
    expect(console).toContain('\\u001b[1A\\u001b[2K\\rPASS');
    expect(console).not.toMatch(RAW_CONTROL);
    const areas = run.outcomes.map((o) => serializeArea(o, { apiKey: KEY }));
    expect(strings(areas).filter((s) => RAW_CONTROL.test(s))).toEqual([]);
    const html = renderHtml(await resultsOf(areas));
    expect(html).toContain('\\u001b[1A');
    expect(html).not.toMatch(RAW_CONTROL);
  });
});

test('the command against that server: console, JUnit, results.json and report.html carry no raw control character', async () => {
  const server = await startMock(await loadContract(), {
    apiKey: KEY,
    fault: fixture('terminal-control-in-errors').fault,
  });
  try {
    const reports = tmp('control-cli');
    const run = await runCommand(['run'], {
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: KEY,
      CONTRACT_REPORTS_DIR: reports,
      CONTRACT_RUNS: '5',
    });
    expect(run.code).toBe(1);
    expect(run.out).toContain('\\u001b[1A\\u001b[2K\\rPASS');
    expect(run.out).not.toMatch(RAW_CONTROL);
    for (const f of ['report.html', 'junit.xml', 'results.json']) {
      const text = readFileSync(path.join(reports, f), 'utf8');
      expect({ f, raw: RAW_CONTROL.test(text) }).toEqual({ f, raw: false });
    }
  } finally {
    await server.close();
  }
});

describe('one finding per cause, every case named', () => {
  let run: SuiteRun;
  beforeAll(async () => {
    run = await against(fixture('null-error-type'));
  });
  const invalid = () =>
    run.outcomes.find((o) => o.area.id === 'invalid-requests')!.checks.find((c) => c.id === 'error_envelope')!;

  test('error.type null breaks two schema rules in each answer: one finding, with its count', () => {
    const c = invalid();
    const groups = groupFailures(c.failures);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.perAnswer).toBe(2);
    const text = formatFailures(c.failures, { apiKey: KEY });
    expect(text.match(/Received: 400 with error\.type null/g)).toHaveLength(1);
    expect(text).toMatch(/Found 2× in one answer/);
  });

  test('the console names five cases and says how many it left out; results.json names every one', () => {
    const c = invalid();
    const cases = [...new Set(c.failures.map((f) => f.exchange!.case.name))];
    expect(cases.length).toBeGreaterThan(10);
    const text = formatFailures(c.failures, { apiKey: KEY });
    expect(text).toContain(
      `${cases.length} cases hit this: ${cases.slice(0, 5).join(', ')}, … and ${cases.length - 5} more`,
    );
    const record = serializeArea(
      run.outcomes.find((o) => o.area.id === 'invalid-requests')!,
      { apiKey: KEY },
    ).checks.find((x) => x.id === 'error_envelope')!;
    expect(record.failures).toHaveLength(1);
    expect(record.failures[0]).toMatchObject({
      cases,
      count: cases.length,
      collapsed: expect.stringMatching(/2× in one answer/),
    });
    expect(record.failingCases).toEqual(cases);
  });

  test('beyond the causes shown in full, the console still names each cause and its cases', () => {
    const all = run.outcomes.flatMap((o) => o.checks.flatMap((c) => c.failures));
    const groups = groupFailures(all);
    expect(groups.length).toBeGreaterThan(2);
    const text = formatFailures(all, { apiKey: KEY }, 1);
    expect(text).toContain(`… and ${groups.length - 1} more distinct failure(s), in brief`);
    for (const g of groups.slice(1)) expect(text).toContain(g.cases[0]!);
  });
});

describe('runnable, readable repro lines', () => {
  const exchange = (name: string, body: string): Exchange => ({
    case: { name, operation: 'messages', body, meta: { mode: 'positive' } },
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:1/v1/messages',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body,
    },
    response: { status: 500, headers: {}, text: 'boom' },
    retried: [],
    unavailable: false,
    durationMs: 1,
  });
  const failure = (ex: Exchange) =>
    toFailure(
      { id: 'positive_data_acceptance', title: 'Valid request rejected', source: 's' },
      { detail: 'Received: 500' },
      ex,
    );

  test('a long body goes to reports/cases/<case>.json and the curl line sends it with --data-binary @file', () => {
    const reports = tmp('cases');
    const body = JSON.stringify({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x'.repeat(3000) }] });
    const text = formatFailures([failure(exchange('positive/valid_body 7', body))], {
      apiKey: KEY,
      casesDir: path.join(reports, 'cases'),
    });
    const file = path.join(reports, 'cases', 'positive_valid_body_7.json');
    expect(readFileSync(file, 'utf8')).toBe(body);
    expect(text).toContain(`--data-binary @${file}`);
    const curl = text.slice(text.indexOf('curl '));
    expect(curl.length).toBeLessThan(400);
    expect(curl).not.toContain('x'.repeat(100));
    expect(safeCaseFileName('../../etc/passwd')).toBe('etc_passwd.json');
  });

  test('a short body stays inline; one with control characters goes to a file, byte for byte', () => {
    const reports = tmp('inline');
    const casesDir = path.join(reports, 'cases');
    const short = '{"model":"m","max_tokens":5,"messages":[]}';
    expect(short.length).toBeLessThan(INLINE_BODY_MAX);
    expect(formatFailures([failure(exchange('boundary/short', short))], { apiKey: KEY, casesDir })).toContain(
      `--data-raw '${short}'`,
    );
    const odd = '{"model":"m\u009b","max_tokens":5,"messages":[]}';
    const text = formatFailures([failure(exchange('boundary/odd', odd))], { apiKey: KEY, casesDir });
    expect(readFileSync(path.join(reports, 'cases', 'boundary_odd.json'), 'utf8')).toBe(odd);
    expect(text).not.toMatch(RAW_CONTROL);
  });
});

describe("point at the user's mistake", () => {
  test('a base URL ending in /v1: the hint says what the suite appends and what it got', async () => {
    const run = await against(undefined, (url) => `${url}/v1`);
    const f = run.failures.find((x) => x.checkId === 'positive_data_acceptance')!;
    expect(f.detail).toMatch(/Received: 404/);
    expect(f.detail).toMatch(
      /the suite appends \/v1\/messages to ANTHROPIC_BASE_URL, so it sent http:\/\/127\.0\.0\.1:\d+\/v1\/v1\/messages and got 404: ANTHROPIC_BASE_URL seems to end in \/v1 already; drop that \/v1/,
    );
    expect(f.detail).not.toMatch(/a model the target serves/);
  });

  test('a redirect is reported with where it points, and never followed', async () => {
    const run = await against(fixture('redirects-every-request'));
    const f = run.failures.find((x) => x.checkId === 'positive_data_acceptance')!;
    expect(f.detail).toContain(`Hint: a redirect to ${REDIRECT_TARGET}`);
    expect(formatFailures([f], { apiKey: KEY })).toContain(`location: ${REDIRECT_TARGET}`);
    expect(run.failures.every((x) => x.exchange?.response?.status === 307)).toBe(true);
  });

  test('the command with ANTHROPIC_BASE_URL set but empty stops with one line instead of testing the embedded mock', async () => {
    const reports = tmp('empty-url');
    const run = await runCommand(['run'], { ANTHROPIC_BASE_URL: '', CONTRACT_REPORTS_DIR: reports });
    expect(run.code).not.toBe(0);
    expect(run.out).toContain('(ANTHROPIC_BASE_URL) is set but empty');
    expect(existsSync(path.join(reports, 'results.json'))).toBe(false);
  });
});

describe('check:recorded never says "conforms" about what it could not read', () => {
  const HAR = path.resolve(__dirname, '../fixtures/har/gateway.har');

  test('a folder with one good file and four unreadable ones: each named with why; exit 1; the HTML does not conform', async () => {
    const dir = tmp('recorded-folder');
    copyFileSync(HAR, path.join(dir, 'good.har'));
    writeFileSync(path.join(dir, 'invalid.json'), '{"request": {"body": ');
    writeFileSync(path.join(dir, 'empty.json'), '');
    writeFileSync(
      path.join(dir, 'binary.json'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x1b, 0xff, 0xfe]),
    );
    writeFileSync(path.join(dir, 'no-entries.har'), JSON.stringify({ log: { version: '1.2' } }));
    const reports = tmp('recorded-reports');
    const run = await runCommand(['check-recorded', dir], { CONTRACT_REPORTS_DIR: reports });
    expect(run.code).toBe(1);
    expect(run.out).not.toMatch(RAW_CONTROL);
    expect(run.out).not.toMatch(/Cannot read properties/);
    const tail = run.out.slice(run.out.lastIndexOf('file(s) could not be read'));
    expect(tail).toMatch(/binary\.json: not a text file/);
    expect(tail).toMatch(/empty\.json: empty file/);
    expect(tail).toMatch(/invalid\.json: not JSON/);
    expect(tail).toMatch(/no-entries\.har: a HAR file without log\.entries/);
    expect(tail).not.toMatch(/good\.har/);
    const html = readFileSync(path.join(reports, 'report.html'), 'utf8');
    expect(html).not.toMatch(/target conforms/);
    expect(html).toMatch(/4 file\(s\) could not be read/);
    for (const f of ['invalid.json', 'empty.json', 'binary.json', 'no-entries.har']) expect(html).toContain(f);
    expect(html).not.toMatch(RAW_CONTROL);
    const results = JSON.parse(readFileSync(path.join(reports, 'results.json'), 'utf8'));
    expect(results.areas[0].unreadable.map((u: { file: string }) => path.basename(u.file)).sort()).toEqual([
      'binary.json',
      'empty.json',
      'invalid.json',
      'no-entries.har',
    ]);
    expect(results.totals.exchanges).toBe(3);
  });

  test('a lone unreadable file: no exchange, exit 1, and no green verdict', async () => {
    const dir = tmp('recorded-lone');
    const file = path.join(dir, 'broken.har');
    writeFileSync(file, JSON.stringify({ log: { entries: 'none' } }));
    const reports = tmp('recorded-lone-reports');
    const run = await runCommand(['check-recorded', file], { CONTRACT_REPORTS_DIR: reports });
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/broken\.har: a HAR file without log\.entries/);
    const html = readFileSync(path.join(reports, 'report.html'), 'utf8');
    expect(html).not.toMatch(/target conforms/);
    expect(html).toMatch(/No exchange was checked/);
  });
});
