/**
 * Real traffic is the proof that the contract and the checks are right: every recorded real
 * response passes, every recorded request the API accepted validates against our request
 * schema, and broken copies of real exchanges fail with precise messages.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { judgeRecorded as checkRecorded } from '../../src/recorded/check';
import { loadContract } from '../../src/contract/spec';
import { loadRecorded } from '../../src/recorded/load';
import { formatFailures } from '../../src/report/format';
import { runCommand } from '../helpers/run-command';
import { tempDir } from '../helpers/temp';

jest.setTimeout(60_000);

const RECORDED = path.resolve(__dirname, '../fixtures/recorded');
const HAR = path.resolve(__dirname, '../fixtures/har/gateway.har');

test('every recorded real exchange conforms (no false alarms)', async () => {
  const { results, errors } = await checkRecorded([RECORDED]);
  expect(errors).toEqual([]);
  expect(results.length).toBe(182);
  const nonconformance = results.flatMap((r) => r.failures.filter((f) => f.severity === 'error'));
  if (nonconformance.length) throw new Error(formatFailures(nonconformance, { apiKey: '' }, 20));
  // A 200 stream that is a lone error event is the API failing: unavailability, never a fault.
  const unavailable = results
    .filter((r) => r.failures.some((f) => f.category === 'unavailable'))
    .map((r) => r.exchange.case.name);
  expect(unavailable).toEqual(['stream-error-01.json', 'stream-error-01.json']);
});

test('npm run check:recorded over the whole recorded folder: exit 0, zero failures', async () => {
  const reports = tempDir('recorded-all-');
  const run = await runCommand(['check-recorded', RECORDED], { CONTRACT_REPORTS_DIR: reports });
  expect(run.out).toMatch(/182 exchanges; checks \d+ passed, 0 failed/);
  expect(run.code).toBe(0);
});

test('spec completeness: every request the real API answered with 200 validates against the request schema', async () => {
  const contract = await loadContract();
  const accepted = loadRecorded([RECORDED]).exchanges.filter(
    (ex) => ex.response?.status === 200 && ex.case.body !== undefined,
  );
  expect(accepted.length).toBeGreaterThan(150);
  const rejected = accepted
    .map((ex) => ({ name: ex.case.name, issues: contract.validateRequest(ex.case.body, { beta: ex.case.meta?.beta }) }))
    .filter((r) => r.issues.length > 0);
  // text-03.json (2025-08) sent top_p -1 and top_k -1, which the API then took as "unset" and has
  // rejected since 2026 (tests/fixtures/recorded/README.md "Requests the API accepted then, and
  // rejects now"; anthropics/anthropic-sdk-python#893): the documented rule is `minimum: 0`, so our
  // schema rejects it.
  expect(rejected.map((r) => `${r.name}: ${r.issues.map((i) => `${i.path} ${i.keyword}`).join(', ')}`)).toEqual([
    'text-03.json: /top_p minimum, /top_k minimum',
  ]);
});

describe('broken copies of real exchanges fail with precise messages', () => {
  const dir = tempDir('recorded-broken-');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON documents read and edited freely
  const copy = (file: string, edit: (doc: Record<string, any>) => void) => {
    const doc = JSON.parse(readFileSync(path.join(RECORDED, file), 'utf8'));
    edit(doc);
    const out = path.join(dir, `broken-${file}`);
    writeFileSync(out, JSON.stringify(doc));
    return out;
  };
  const failuresOf = async (file: string) =>
    (await checkRecorded([file])).results[0]!.failures.filter((f) => f.severity === 'error');

  test('a required field removed', async () => {
    const f = await failuresOf(copy('text-01.json', (d) => delete d.response.body.stop_reason));
    expect(f.map((x) => x.checkId)).toEqual(['response_schema_conformance']);
    expect(f[0]!.detail).toMatch(/stop_reason/);
  });

  test('message_stop dropped from a stream', async () => {
    const f = await failuresOf(
      copy(
        'stream-text-01.json',
        (d) => (d.response.sse = d.response.sse.replace(/event: message_stop\ndata: [^\n]*\n\n/, '')),
      ),
    );
    expect(f.map((x) => x.checkId)).toContain('stream_grammar');
    expect(f.find((x) => x.checkId === 'stream_grammar')!.detail).toMatch(/message_stop/);
  });

  test('a 503 in the shape the API sends it (SDK ServiceUnavailableError, a CMEK code) passes, documented', async () => {
    const file = copy('error-529-01.json', (d) => {
      d.response.status = 503;
      d.response.headers['request-id'] = 'req_011CS503';
      d.response.body = {
        type: 'error',
        error: {
          type: 'api_error',
          message:
            "The workspace's encryption settings could not be read, so the request was refused. Retry in a few minutes.",
          details: { error_code: 'cmek_context_unavailable' },
        },
        request_id: 'req_011CS503',
      };
    });
    expect(await failuresOf(file)).toEqual([]);
  });

  test('an error body in another shape', async () => {
    const f = await failuresOf(
      copy('error-401-01.json', (d) => (d.response.body = { message: 'invalid x-api-key', code: 401 })),
    );
    expect(new Set(f.map((x) => x.checkId))).toEqual(new Set(['error_envelope']));
    expect(f.map((x) => x.detail).join('\n')).toMatch(/error/);
  });
});

describe('HAR files', () => {
  test('the POST /v1/messages entries of a HAR file are checked, others ignored', async () => {
    const { results, errors } = await checkRecorded([HAR]);
    expect(errors).toEqual([]);
    expect(results.map((r) => [r.exchange.case.name, r.exchange.response!.status])).toEqual([
      ['gateway.har#0', 200],
      ['gateway.har#2', 200],
      ['gateway.har#3', 401],
    ]);
    expect(results.flatMap((r) => r.failures.filter((f) => f.severity === 'error'))).toEqual([]);
  });

  test('npm run check:recorded exits 0 on a conformant HAR and 1 on a broken one, naming the fault', async () => {
    const reports = tempDir('recorded-reports-');
    const ok = await runCommand(['check-recorded', HAR], { CONTRACT_REPORTS_DIR: reports });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/3 exchanges; checks \d+ passed, 0 failed/);
    expect(readFileSync(path.join(reports, 'junit.xml'), 'utf8')).toContain('<testcase');
    const har = JSON.parse(readFileSync(HAR, 'utf8'));
    har.log.entries[2].response.content.text = har.log.entries[2].response.content.text.replace(
      /event: message_stop\ndata: [^\n]*\n\n/,
      '',
    );
    const broken = path.join(reports, 'broken.har');
    writeFileSync(broken, JSON.stringify(har));
    const r = await runCommand(['check-recorded', broken], { CONTRACT_REPORTS_DIR: reports });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Case: broken\.har#2/);
    expect(r.out).toMatch(/Stream events out of order/);
    expect(r.out).toMatch(/Reproduce with:\n\s+curl/);
  });
});
