/**
 * A user clones the repository alone, with nothing beside it: `npm ci && npm run contract` exits 0,
 * and `bash .ci/run` (which runs `npm ci` and `npm test`, the README's command) exits 0 and ends
 * with "N passed, 0 failed". This is that check, on the committed HEAD cloned into an empty
 * temporary folder. npm installs from its cache first (the registry only for what the cache lacks); the clone's own run skips this test
 * and the package test (FRESH_CLONE_GUARD), which this outer run covers. The clone's run gets a
 * temporary directory of its own, which must be empty afterwards (jest's cache apart): the tests
 * leave nothing behind.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { FRESH_CLONE_GUARD } from '../helpers/fresh-clone';
import { ROOT, runProcess, userEnv } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

const inFreshClone = process.env[FRESH_CLONE_GUARD] === '1';

// A user's shell, with the guard, and a temporary directory of the clone's own.
const run = (cmd: string, args: string[], cwd: string, tmp: string, timeoutMs: number) => runProcess(cmd, args, { cwd, env: userEnv({ [FRESH_CLONE_GUARD]: '1', TMPDIR: tmp }), timeoutMs });

(inFreshClone ? test.skip : test)('a fresh clone with nothing beside it: npm ci && npm run contract exits 0, bash .ci/run ends "N passed, 0 failed"', async () => {
  const parent = tempDir('conformance-clone-');
  const clone = path.join(parent, 'repo');
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { encoding: 'utf8' });
  expect(cloned.stderr).toBe('');
  expect(readdirSync(parent)).toEqual(['repo']);
  const tmp = tempDir('conformance-clone-tmp-');

  const contract = await run('bash', ['-c', 'npm ci && npm run contract'], clone, tmp, 10 * 60_000);
  expect({ code: contract.code, tail: contract.out.slice(-800) }).toEqual({ code: 0, tail: expect.stringMatching(/\d+ passed, 0 failed/) });

  const ci = await run('bash', ['.ci/run'], clone, tmp, 40 * 60_000);
  const last = ci.out.trimEnd().split('\n').pop();
  const leftovers = readdirSync(tmp).filter((f) => !/^jest_/.test(f));
  expect({ code: ci.code, last, failures: ci.code ? ci.out.slice(-3000) : '', leftovers }).toEqual({ code: 0, last: expect.stringMatching(/^[1-9]\d* passed, 0 failed$/), failures: '', leftovers: [] });
}, 50 * 60_000);
