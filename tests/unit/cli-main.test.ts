/** The command's flags: each sets the variable the README names, and nothing else gets through. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, RUN_FLAGS, UsageError, usage } from '../../src/cli/main';

const CWD = '/home/user/project';

test("flags become the environment the suite reads; paths are the caller's; reports go to ./reports", () => {
  const parsed = parseArgs(
    [
      '--base-url',
      'http://localhost:8000',
      '--api-key-env',
      'MY_KEY',
      '--runs=5',
      '--fail-on',
      'new',
      '--baseline',
      'old/results.json',
      '--shard=1/2',
    ],
    { MY_KEY: 'secret-123' },
    CWD,
  );
  expect(parsed).toEqual({
    command: 'run',
    argv: [],
    env: {
      CONTRACT_SHARD: '1/2',
      ANTHROPIC_BASE_URL: 'http://localhost:8000',
      ANTHROPIC_API_KEY: 'secret-123',
      CONTRACT_RUNS: '5',
      CONTRACT_FAIL_ON: 'new',
      CONTRACT_BASELINE: '/home/user/project/old/results.json',
      CONTRACT_REPORTS_DIR: '/home/user/project/reports',
    },
  });
  // A relative CONTRACT_REPORTS_DIR in the environment is the caller's too.
  expect(parseArgs([], { CONTRACT_REPORTS_DIR: 'out' }, CWD)).toMatchObject({
    env: { CONTRACT_REPORTS_DIR: '/home/user/project/out' },
  });
});

test('subcommands keep their own arguments', () => {
  expect(parseArgs(['mock', '--port', '8000'], {}, CWD)).toEqual({
    command: 'mock',
    argv: ['--port', '8000'],
    env: {},
  });
  expect(parseArgs(['check-recorded', 'a.json', 'dir'], {}, CWD)).toEqual({
    command: 'check-recorded',
    argv: ['a.json', 'dir'],
    env: { CONTRACT_REPORTS_DIR: '/home/user/project/reports' },
  });
  expect(parseArgs(['report', 'a.json', 'b.json', '--html', 'r.html'], {}, CWD)).toEqual({
    command: 'report',
    argv: ['a.json', 'b.json', '--html', 'r.html'],
    env: {},
  });
  expect(parseArgs(['--help'], {}, CWD)).toBe('help');
  expect(parseArgs(['mock', '--help'], {}, CWD)).toBe('help');
  expect(parseArgs(['--version'], {}, CWD)).toBe('version');
});

test.each([
  [['--no-such-flag'], /unknown flag --no-such-flag/],
  [['--base-url'], /--base-url needs a value/],
  [['--base-url', '--runs', '3'], /--base-url needs a value/],
  [['--api-key-env', 'UNSET_VAR'], /UNSET_VAR is not set/],
  [['frobnicate'], /unknown command "frobnicate"/],
  [['stray'], /unknown command/],
  [['mock', '--', 'x'], /unknown flag -- for mock/],
  [['report', 'a.json', '--base-url', 'http://x'], /unknown flag --base-url for report/],
])('%j is a usage error', (args, message) => {
  expect(() => parseArgs(args, {}, CWD)).toThrow(UsageError);
  expect(() => parseArgs(args, {}, CWD)).toThrow(message);
});

test('every variable in the README table has its flag, and every flag its row', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const documented = readme
    .split('\n')
    .filter((l) => /^\| `(ANTHROPIC|CONTRACT)_/.test(l))
    .flatMap((l) => l.split('|')[1]!.match(/(ANTHROPIC|CONTRACT)_[A-Z_]+/g)!);
  expect(documented.sort()).toEqual(RUN_FLAGS.map((f) => f.env).sort());
});

test('--help and the README list every flag with its variable', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const help = usage();
  for (const f of RUN_FLAGS) {
    expect(help).toContain(`${f.flag} ${f.arg}`);
    expect(help).toContain(f.env);
    const row = readme
      .split('\n')
      .find((l) => /^\| `(ANTHROPIC|CONTRACT)_/.test(l) && l.split('|')[1]!.includes(`\`${f.env}\``));
    expect({ env: f.env, row }).toEqual({ env: f.env, row: expect.stringContaining(`\`${f.flag}`) });
  }
});
