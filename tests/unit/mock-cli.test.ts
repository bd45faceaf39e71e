/** `npm run mock` as a user starts it: its options reach the server, and a bad option is a usage error (exit 2). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { mockUrl, ROOT, runCli } from '../helpers/run-cli';
import { parseArgs } from '../../src/cli/main';

jest.setTimeout(60_000);

/** Starts the CLI, waits for its URL, runs `use`, and always stops the process it started. */
async function withCli(args: string[], env: Record<string, string>, use: (url: string) => Promise<void>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|CONTRACT_|JEST_)/.test(k)));
  const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(ROOT, 'src/cli/mock.ts'), '--port', '0', ...args], { cwd: ROOT, env: { ...clean, ...env } });
  try {
    const url = await mockUrl(child);
    await use(url);
  } finally {
    child.kill();
  }
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: JSON.stringify(body) });
const hello = (model = 'claude-haiku-4-5') => ({ model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });

test('--overloaded-rate 1 --retry-after 3: every valid request gets 529 with retry-after 3; an invalid one its 400', () =>
  withCli(['--overloaded-rate', '1', '--retry-after', '3'], { ANTHROPIC_API_KEY: 'k' }, async (url) => {
    const res = await post(url, hello());
    expect([res.status, res.headers.get('retry-after'), ((await res.json()) as { error: { type: string } }).error.type]).toEqual([529, '3', 'overloaded_error']);
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
  [['--frobnicate'], /Unknown option '--frobnicate'/],
])('%j is a usage error: exit 2, saying why', async (args, message) => {
  const run = await runCli('src/cli/mock.ts', args as string[], {}, 30_000);
  expect(run.code).toBe(2);
  expect(run.out).toMatch(message);
});

test('the package command passes the mock\'s options through: anthropic-conformance mock --overloaded-rate 0.2 --models +x', () => {
  expect(parseArgs(['mock', '--port', '0', '--overloaded-rate', '0.2', '--models', '+x', '--first-token-ms=500'], {}, ROOT)).toEqual({
    command: 'mock',
    script: 'mock',
    argv: ['--port', '0', '--overloaded-rate', '0.2', '--models', '+x', '--first-token-ms', '500'],
    env: {},
  });
});
