/**
 * "Judge what they really send": invalid requests get only the rejected-or-not verdict,
 * a hostile answer is a finding and never a crash, and the new checks hold on what the real API
 * sends while catching what it never does.
 */
import { loadContract, type Contract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import { runChecks } from '../../src/checks/registry';
import type { Check, CheckContext } from '../../src/checks/failure';
import type { Exchange, ReceivedResponse, RequestCase } from '../../src/http/exchange';
import { findLeak } from '../../src/checks/information-exposure';
import { requestIdUnique } from '../../src/checks/request-id-unique';
import { BROKEN } from '../fixtures/servers/catalogue';
import { runSuite } from '../helpers/run-suite';

jest.setTimeout(60_000);
let contract: Contract;
let ctx: CheckContext;
beforeAll(async () => {
  contract = await loadContract();
  ctx = { contract, profile: 'full' };
});

const message = (extra: Record<string, unknown> = {}) => ({
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-20250514',
  content: [{ type: 'text', text: 'Hello there.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 3 },
  ...extra,
});
const exchange = (res: Partial<ReceivedResponse> & { status: number }, c: Partial<RequestCase> = {}): Exchange => {
  const body = c.body ?? {
    model: 'claude-sonnet-4-20250514',
    max_tokens: 16,
    messages: [{ role: 'user', content: 'Hi' }],
  };
  const json = res.json;
  return {
    case: { name: 'test/case', operation: 'messages', body, meta: { mode: 'positive', expect: { status: 200 } }, ...c },
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:1/v1/messages',
      headers: { accept: 'application/json' },
      body: JSON.stringify(body),
    },
    response: {
      headers: { 'content-type': 'application/json', 'request-id': 'req_01' },
      text: json === undefined ? '' : safeStringify(json),
      ...res,
    },
    retried: [],
    unavailable: false,
    durationMs: 1,
  };
};
const safeStringify = (v: unknown) => {
  try {
    return JSON.stringify(v);
  } catch {
    return '(too deep to print)';
  }
};
const ids = (ex: Exchange) => runChecks(ctx, ex).map((f) => f.key);

describe('invalid requests are judged only as rejected or not', () => {
  test.each(['accepts-invalid-bodies', 'crashes-on-invalid-bodies'])(
    '%s: one finding per invalid request, and only the verdict',
    async (name) => {
      const fixture = BROKEN.find((f) => f.name === name)!;
      const server = await startMock(contract, { apiKey: 'fixture-key-0123456789', fault: fixture.fault });
      try {
        const run = await runSuite(server.url, 'fixture-key-0123456789');
        const invalid = run.outcomes.find((o) => o.area.id === 'invalid-requests')!;
        const failures = invalid.checks.flatMap((c) => c.failures);
        const perCase = new Map<string, string[]>();
        for (const f of failures)
          perCase.set(f.exchange!.case.name, [...(perCase.get(f.exchange!.case.name) ?? []), f.checkId]);
        // Every invalid request is named once (those whose rejection is unverified, as a warning)…
        const unverified = invalid.results
          .filter((r) => r.exchange.case.meta?.unverified)
          .map((r) => r.exchange.case.name);
        expect(unverified.length).toBeGreaterThan(0);
        expect(perCase.size).toBe(invalid.results.length - unverified.length);
        const warned = new Set(invalid.checks.flatMap((c) => c.warnings).map((w) => w.exchange!.case.name));
        for (const name of unverified) expect(warned).toContain(name);
        for (const [, checks] of perCase) expect(checks).toEqual(['negative_data_rejection']); // …and only as not rejected
        // Auth and example cases that expect an error get no semantic verdict either.
        const semantic = [
          'max_tokens_honoured',
          'tool_choice_honoured',
          'stop_sequence_honoured',
          'usage_accounts_for_content',
          'response_schema_conformance',
          'stop_reason_known',
        ];
        expect(run.failures.filter((f) => semantic.includes(f.checkId)).map((f) => f.exchange!.case.name)).toEqual([]);
      } finally {
        await server.close();
      }
    },
  );

  test('the same 200 to a valid request is judged in full', () => {
    const bad = message({ usage: { input_tokens: 0, output_tokens: 50 } });
    const valid = exchange({ status: 200, json: bad });
    const invalid = exchange(
      { status: 200, json: bad },
      { meta: { mode: 'negative', rule: 'max_tokens negative', path: 'max_tokens', expect: { status: 400 } } },
    );
    expect(ids(valid)).toEqual(
      expect.arrayContaining(['max_tokens_honoured:output_tokens', 'usage_accounts_for_content:input_tokens']),
    );
    expect(ids(invalid)).toEqual(['negative_data_rejection:status:400']);
  });
});

describe('a hostile answer is a finding, never a crash', () => {
  const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as unknown;

  test('validation reports a value nested 10,000 levels deep instead of overflowing the stack', () => {
    expect(contract.validate('Message', message({ nested: deep }))).toEqual([
      expect.objectContaining({ keyword: 'maxNesting' }),
    ]);
    expect(contract.validateResponseBody(200, message({ nested: deep }))).toEqual([
      expect.objectContaining({ keyword: 'maxNesting' }),
    ]);
    expect(contract.validate('Message', message({ nested: JSON.parse('[[[[[[[[[[]]]]]]]]]]') }))).toEqual([]);
  });

  test('every check runs on a deep JSON answer and a deep stream without throwing', () => {
    const json = exchange({ status: 200, json: message({ nested: deep }) });
    expect(ids(json)).toContain('response_schema_conformance:/:maxNesting');
    const nested = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const start = JSON.stringify({
      type: 'message_start',
      message: message({ content: [], stop_reason: null }),
    }).replace(/}}$/, `,"nested":${nested}}}`);
    const frames = [
      { event: 'message_start', data: start, raw: '' },
      { event: 'message_stop', data: '{"type":"message_stop"}', raw: '' },
    ];
    const stream = exchange(
      { status: 200, events: frames, headers: { 'content-type': 'text/event-stream', 'request-id': 'req_02' } },
      { body: { model: 'm', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'Hi' }] } },
    );
    expect(() => runChecks(ctx, stream)).not.toThrow();
    expect(ids(stream)).toContain('stream_event_schema:message_start/:maxNesting');
  });

  test('a check that throws, or whose precondition throws, reports the answer it could not read', () => {
    const throwing: Check = {
      id: 'throws',
      title: 't',
      source: 's',
      profiles: ['full'],
      operations: ['messages'],
      run: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const badWhen: Check = {
      id: 'bad_when',
      title: 't',
      source: 's',
      profiles: ['full'],
      operations: ['messages'],
      when: [
        () => {
          throw new Error('boom');
        },
      ],
      run: () => {
        throw new Error('boom');
      },
    };
    const failures = runChecks(ctx, exchange({ status: 200, json: message() }), [throwing, badWhen]);
    expect(failures.map((f) => f.key)).toEqual(['throws:unreadable_answer', 'bad_when:unreadable_answer']);
    expect(failures[0]!.detail).toMatch(/RangeError: Maximum call stack size exceeded/);
  });
});

describe('usage accounts for the content', () => {
  test('prompt caching: a few input_tokens plus cached tokens is fine (recorded system-03.json)', () => {
    expect(
      ids(
        exchange({
          status: 200,
          json: message({
            usage: { input_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 1217, output_tokens: 5 },
          }),
        }),
      ),
    ).toEqual([]);
  });
  test('text with output_tokens 0, or a prompt read for 0 tokens, is not', () => {
    expect(
      ids(
        exchange({
          status: 200,
          json: message({ usage: { input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 } }),
        }),
      ),
    ).toEqual(['usage_accounts_for_content:output_tokens', 'usage_accounts_for_content:input_tokens']);
  });
  test('an empty reply may count its output (recorded empty-01.json)', () => {
    expect(
      ids(exchange({ status: 200, json: message({ content: [], usage: { input_tokens: 633, output_tokens: 9 } }) })),
    ).toEqual([]);
  });
});

describe('error messages', () => {
  const errorCase = (path: string, msg: string) =>
    exchange(
      {
        status: 400,
        json: { type: 'error', error: { type: 'invalid_request_error', message: msg }, request_id: 'req_1' },
      },
      { meta: { mode: 'auth', rule: 'r', path, expect: { status: 400, errorType: 'invalid_request_error' } } },
    );
  const warnings = (ex: Exchange) =>
    runChecks(ctx, ex)
      .filter((f) => f.checkId === 'error_message_names_field')
      .map((f) => f.severity);

  test('a message that names another field is a warning, never a failure', () => {
    expect(warnings(errorCase('anthropic-version', 'max_tokens: Field required'))).toEqual(['warning']);
  });
  test.each([
    ['anthropic-version', 'anthropic-version: header is required'],
    ['messages.0.content', 'messages.0.content.0.text: String should have at least 1 character'],
    ['thinking.budget_tokens', '`max_tokens` must be greater than `thinking.budget_tokens`'],
    ['max_tokens', 'There was an error parsing the body of your request'],
    ['model', 'model: claude-no-such-model-0'],
  ])('%s ← %j names the field (or no field): nothing to say', (path, msg) => {
    expect(warnings(errorCase(path, msg))).toEqual([]);
  });

  test.each([
    [
      "TypeError: Cannot read properties of undefined (reading 'map')\n    at qn (/srv/router/dist/cli.js:582:7451)",
      'a JavaScript stack trace',
    ],
    ['Traceback (most recent call last):\n  File "/app/main.py", line 12, in handler', 'a Python traceback'],
    ['at com.example.gateway.Handler.handle(Handler.java:42)', 'a JVM stack trace'],
    ['panic: nil map\n\ngoroutine 1 [running]:\nmain.main()', 'a Go stack trace'],
    ["ENOENT: no such file or directory, open '/home/deploy/gateway/config.yaml'", 'a file system path'],
    ["<class 'pydantic_core._pydantic_core.ValidationError'>", 'an exception class'],
  ])('a leak of internals is found: %j', (text, what) => {
    expect(findLeak(text)?.what).toBe(what);
  });
  test.each([
    "This request would exceed your organization's rate limit of 450,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.",
    "messages.2.content.1.document.source: Input tag 'file' found using 'type' does not match any of the expected tags: 'base64', 'content', 'text', 'url'",
    'Not Found: /v1/messages/app/x',
    'x-api-key header is required',
    'There was an error parsing the body of your request: SyntaxError at position 45',
  ])('a legitimate message is not a leak: %j', (text) => {
    expect(findLeak(text)).toBeUndefined();
  });
  test('a leak is reported with its excerpt, as security: information exposure', () => {
    const f = runChecks(
      ctx,
      errorCase('max_tokens', 'bad input\n    at qn (/usr/lib/node_modules/router/cli.js:582:7451)'),
    ).find((x) => x.checkId === 'information_exposure')!;
    expect(f.title).toBe('security: information exposure');
    expect(f.detail).toMatch(/cli\.js:582:7451/);
  });
});

test('request ids: one finding per repeated value, retried answers included; distinct ids pass', () => {
  const a = exchange({ status: 200, json: message(), headers: { 'request-id': 'req_same' } }, { name: 'a' });
  const b = exchange({ status: 200, json: message(), headers: { 'request-id': 'req_same' } }, { name: 'b' });
  const c = exchange({ status: 200, json: message(), headers: { 'request-id': 'req_other' } }, { name: 'c' });
  const retried = { ...c, retried: [{ status: 529, headers: { 'request-id': 'req_other' }, text: '' }] };
  expect(requestIdUnique.run(ctx, [a, b, c]).map((x) => x.exchange.case.name)).toEqual(['b']);
  expect(requestIdUnique.run(ctx, [a, retried]).map((x) => x.finding.key)).toEqual(['duplicate']);
  expect(requestIdUnique.run(ctx, [a, c])).toEqual([]);
});
