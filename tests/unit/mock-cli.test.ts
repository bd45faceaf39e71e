/** The mock command as a user starts it (in process): its options reach the server, and a bad option is a usage error (exit 2). */
import { main, parseArgs } from '../../src/cli/main';
import { runCommand } from '../helpers/run-command';

const ROOT = process.cwd();

/** Starts the mock command in process, waits for its URL, runs `use`, and always stops it. */
async function withCli(args: string[], env: Record<string, string>, use: (url: string) => Promise<void>) {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let announce!: (url: string) => void;
  const announced = new Promise<string>((resolve) => (announce = resolve));
  const lines: string[] = [];
  const onLine = (l: string) => {
    lines.push(l);
    const m = /reference mock on (http:\/\/127\.0\.0\.1:\d+)/.exec(l);
    if (m) announce(m[1]!);
  };
  const done = main(['mock', '--port', '0', ...args], env, ROOT, { out: onLine, err: onLine }, stopped);
  const url = await Promise.race([
    announced,
    done.then((code) => Promise.reject(new Error(`mock exited with ${code}: ${lines.join('\n')}`))),
  ]);
  try {
    await use(url);
  } finally {
    stop();
    await done;
  }
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const hello = (model = 'claude-haiku-4-5') => ({ model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });

test('--overloaded-rate 1 --retry-after 3: every valid request gets 529 with retry-after 3; an invalid one its 400', () =>
  withCli(['--overloaded-rate', '1', '--retry-after', '3'], { ANTHROPIC_API_KEY: 'k' }, async (url) => {
    const res = await post(url, hello());
    expect([
      res.status,
      res.headers.get('retry-after'),
      ((await res.json()) as { error: { type: string } }).error.type,
    ]).toEqual([529, '3', 'overloaded_error']);
    expect((await post(url, { ...hello(), max_tokens: undefined })).status).toBe(400);
  }));

test('--models narrows the table, ANTHROPIC_MOCK_MODELS=+name extends it', async () => {
  await withCli(['--models', 'claude-haiku-4-5'], { ANTHROPIC_API_KEY: 'k' }, async (url) => {
    expect((await post(url, hello())).status).toBe(200);
    expect((await post(url, hello('claude-sonnet-4-6'))).status).toBe(404);
  });
  await withCli([], { ANTHROPIC_API_KEY: 'k', ANTHROPIC_MOCK_MODELS: '+my-finetune' }, async (url) => {
    expect((await post(url, hello('my-finetune'))).status).toBe(200);
    expect((await post(url, hello('claude-sonnet-4-6'))).status).toBe(200);
  });
});

test('--requests-per-minute 1: the second request gets 429 with retry-after', () =>
  withCli(['--requests-per-minute', '1'], { ANTHROPIC_API_KEY: 'k' }, async (url) => {
    expect((await post(url, hello())).status).toBe(200);
    const res = await post(url, hello());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(30);
  }));

test.each([
  [['--overloaded-rate', '2'], /--overloaded-rate "2": expected a share between 0 and 1/],
  [['--tokens-per-second', 'fast'], /--tokens-per-second "fast": expected a positive number/],
  [['--overloaded-rate', '0.6', '--drop-rate', '0.6'], /add up to 1\.2/],
  [['--frobnicate'], /unknown flag --frobnicate for mock/],
])('%j is a usage error: exit 2, saying why', async (args, message) => {
  const run = await runCommand(['mock', ...(args as string[])]);
  expect(run.code).toBe(2);
  expect(run.out).toMatch(message);
});

test("the package command passes the mock's options through: anthropic-conformance mock --overloaded-rate 0.2 --models +x", () => {
  expect(
    parseArgs(['mock', '--port', '0', '--overloaded-rate', '0.2', '--models', '+x', '--first-token-ms=500'], {}, ROOT),
  ).toEqual({
    command: 'mock',
    argv: ['--port', '0', '--overloaded-rate', '0.2', '--models', '+x', '--first-token-ms', '500'],
    env: {},
  });
});
