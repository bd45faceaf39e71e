/**
 * The package as a user gets it from a registry: `npm pack`, the tarball installed into an empty
 * project (from the npm cache first, the registry only for what it lacks), then
 * `anthropic-conformance` run there against the reference mock (its own `mock` subcommand) and
 * against a broken server, the API required from plain JavaScript, and a user's jest file through
 * the jest entry point. Exit codes and reports must be those of the repository's engine. The
 * tarball carries compiled code (no TypeScript compiled at run time), and no tests or reports.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { RunResults } from '../../src/report/results';
import { BROKEN } from '../fixtures/servers/catalogue';
import { mockUrl, ROOT, runProcess, userEnv } from '../helpers/run-cli';
import { runCommand } from '../helpers/run-command';
import { switchableServer } from '../helpers/switchable-server';
import { tempDir } from '../helpers/temp';

jest.setTimeout(300_000);

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: unknown;
  dependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};
const KEY = 'pkg-test-key-0123456789';

/** Environment without the suite's own variables, as a user's shell would be; npm never goes online. */
const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 240_000) =>
  runProcess(cmd, args, { cwd, env, timeoutMs });

describe('the packed package, installed into an empty project', () => {
  let work = '';
  let project = '';
  let tarball = '';
  let files: string[] = [];
  const bin = () => path.join(project, 'node_modules/.bin/anthropic-conformance');
  const command = (args: string[], extra: Record<string, string> = {}) => run(bin(), args, project, userEnv(extra));

  beforeAll(async () => {
    work = tempDir('conformance-pkg-');
    project = path.join(work, 'project');
    const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      env: userEnv(),
      encoding: 'utf8',
    });
    if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
    const info = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(work, info[0]!.filename);
    files = info[0]!.files.map((f) => f.path);

    // The project's lockfile pins what ours pins (the runtime part of it), so that npm ci installs
    // from the cache: exactly what a user of this version gets.
    const spec = `file:${path.relative(project, tarball)}`;
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    const packages: Record<string, unknown> = {
      '': { name: 'user-project', version: '1.0.0', dependencies: { [pkg.name]: spec } },
      [`node_modules/${pkg.name}`]: {
        version: pkg.version,
        resolved: spec,
        integrity,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
    };
    for (const [k, v] of Object.entries(lock.packages)) if (k && !v.dev) packages[k] = v;
    spawnSync('mkdir', [project]);
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify(
        { name: 'user-project', version: '1.0.0', private: true, dependencies: { [pkg.name]: spec } },
        null,
        2,
      ),
    );
    writeFileSync(
      path.join(project, 'package-lock.json'),
      JSON.stringify({ name: 'user-project', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2),
    );
    const ci = await run('npm', ['ci', '--prefer-offline'], project, userEnv());
    if (ci.code !== 0) throw new Error(`npm ci of the tarball failed: ${ci.out}`);
  });

  test('the tarball carries the compiled command and API with their types, and the spec; no sources, tests or reports', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        pkg.bin['anthropic-conformance']!,
        'dist/cli/main.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/jest/index.js',
        'dist/jest/index.d.ts',
        'openapi/anthropic-messages-api-openapi.yml',
      ]),
    );
    expect(
      files.filter((f) => /^(src\/|tests\/|reports\/|\.ci\/|docs\/)|\.ts$/.test(f) && !f.endsWith('.d.ts')),
    ).toEqual([]);
  });

  test("small: the installed runtime is the engine's libraries, with no compiler and no jest", () => {
    const installed = readdirSync(path.join(project, 'node_modules'), { recursive: true, encoding: 'utf8' }).filter(
      (f) =>
        f.endsWith('package.json') && /(^|\/)node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(`node_modules/${f}`),
    );
    const names = installed.map((f) => f.replace(/\/package\.json$/, '').replace(/.*node_modules\//, ''));
    for (const heavy of ['esbuild', '@swc/core', 'jest', 'typescript', 'babel-jest'])
      expect(names).not.toContain(heavy);
    // The README states the count and size; this keeps it honest (a new dependency must be argued for).
    expect(names.length).toBeLessThanOrEqual(45);
    const du = spawnSync('du', ['-sk', path.join(project, 'node_modules')], { encoding: 'utf8' });
    expect(Number(du.stdout.split('\t')[0])).toBeLessThan(20_000);
  });

  test('the API from plain JavaScript: runConformance against the embedded mock, startMock, the checks', async () => {
    const script = `const api = require('${pkg.name}');
      (async () => {
        const mock = await api.startMock({ apiKey: 'k-0123456789' });
        const r = await api.runConformance({ baseURL: mock.url, apiKey: 'k-0123456789', runs: 3, areas: ['examples'] });
        await mock.close();
        console.log(JSON.stringify({ exit: r.exitCode, failed: r.totals.failed, checks: api.CHECKS.length, fn: typeof api.checkRecorded }));
      })();`;
    const r = await run(process.execPath, ['-e', script], project, userEnv());
    expect(JSON.parse(r.out.trim().split('\n').pop()!)).toEqual({
      exit: 0,
      failed: 0,
      checks: expect.any(Number),
      fn: 'function',
    });
  });

  test("a user's jest file: one describeConformance call, one test per area and check", async () => {
    const dir = path.join(project, 'conformance');
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'user-tests', private: true, jest: { testEnvironment: 'node' } }),
    );
    writeFileSync(
      path.join(dir, 'api.test.js'),
      `const { describeConformance } = require('${pkg.name}/jest');\ndescribeConformance({ areas: ['examples', 'auth-version'], runs: 3, reportsDir: __dirname + '/reports' });\n`,
    );
    // jest from our own install, run in the user's project: it resolves the package from there.
    // jest's cache in the user's folder, not the OS temporary folder (CI checks it is left clean).
    const r = await run(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--rootDir', dir, '--cacheDirectory', path.join(dir, '.jest-cache'), '--ci'],
      dir,
      userEnv(),
    );
    expect({ code: r.code, out: r.out }).toEqual({
      code: 0,
      out: expect.stringMatching(/Tests:\s+(\d+ skipped, )?\d+ passed, \d+ total/),
    });
    expect(r.out).toMatch(/Spec examples/);
    expect(existsSync(path.join(dir, 'reports', 'junit.xml'))).toBe(true);
  });

  test('--version, --help, and a bad flag (exit 2)', async () => {
    expect(await command(['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n` });
    const help = await command(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--base-url URL/);
    expect(help.out).toMatch(/--api-key-env NAME/);
    const bad = await command(['--no-such-flag']);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/unknown flag --no-such-flag/);
    const unset = await command(['--api-key-env', 'NO_SUCH_VARIABLE_FOR_THE_KEY']);
    expect(unset.code).toBe(2);
    expect(unset.out).toMatch(/NO_SUCH_VARIABLE_FOR_THE_KEY is not set/);
  });

  test('against its own reference mock: exit 0 and the reports in ./reports', async () => {
    const mock = spawn(bin(), ['mock', '--port', '0', '--api-key-env', 'MY_KEY'], {
      cwd: project,
      env: userEnv({ MY_KEY: KEY }),
    });
    try {
      const url = await mockUrl(mock);
      const r = await command(['--base-url', url, '--api-key-env', 'MY_KEY'], { MY_KEY: KEY });
      expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringMatching(/\d+ passed, 0 failed/) });
      expect(readdirSync(path.join(project, 'reports')).sort()).toEqual(
        expect.arrayContaining(['history', 'junit.xml', 'report.html', 'results.json']),
      );
      const results = JSON.parse(readFileSync(path.join(project, 'reports/results.json'), 'utf8')) as RunResults;
      expect(results.target.label).toContain('127.0.0.1');
      expect(results.totals.failed).toBe(0);
      expect(r.out).not.toContain(KEY);
    } finally {
      mock.kill();
    }
  });

  test('against a broken server: exit 1 with the failure named, as from the repository', async () => {
    const server = await switchableServer(KEY);
    server.use(BROKEN.find((f) => f.name === 'message-without-usage')!.fault);
    try {
      const reports = path.join(work, 'broken-reports');
      const installed = await command(
        ['--base-url', server.url, '--api-key-env', 'MY_KEY', '--reports-dir', reports, '--runs', '5'],
        { MY_KEY: KEY },
      );
      expect(installed.code).toBe(1);
      expect(installed.out).toMatch(/response_schema_conformance/);
      const failed = (JSON.parse(readFileSync(path.join(reports, 'results.json'), 'utf8')) as RunResults).totals.failed;
      expect(failed).toBeGreaterThan(0);
      // The repository's entry point on the same target: the same code and the same count.
      const repoReports = path.join(work, 'repo-reports');
      const repo = await runCommand(['run'], {
        ANTHROPIC_BASE_URL: server.url,
        ANTHROPIC_API_KEY: KEY,
        CONTRACT_REPORTS_DIR: repoReports,
        CONTRACT_RUNS: '5',
      });
      expect(repo.code).toBe(installed.code);
      expect(
        (JSON.parse(readFileSync(path.join(repoReports, 'results.json'), 'utf8')) as RunResults).totals.failed,
      ).toBe(failed);
      // Two saved runs compared: the broken run against the repository's, no server called.
      const cmp = await command(['report', path.join(repoReports, 'results.json'), path.join(reports, 'results.json')]);
      expect(cmp.code).toBe(0);
    } finally {
      await server.close();
    }
  });

  test('an unreachable target: the same exit code as from the repository', async () => {
    const closed = await switchableServer(KEY);
    const url = closed.url;
    await closed.close();
    const installed = await command(
      ['--base-url', url, '--api-key-env', 'MY_KEY', '--reports-dir', path.join(work, 'unreachable')],
      { MY_KEY: KEY },
    );
    const repo = await runCommand(['run'], {
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: KEY,
      CONTRACT_REPORTS_DIR: path.join(work, 'unreachable-repo'),
    });
    expect(installed.code).not.toBe(0);
    expect(installed.code).toBe(repo.code);
  });

  test('check-recorded: a real exchange passes, a broken copy fails', async () => {
    const good = path.join(ROOT, 'tests/fixtures/recorded/stream-text-01.json');
    const ok = await command(['check-recorded', '--reports-dir', path.join(work, 'recorded'), good]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/1 exchanges?; checks \d+ passed, 0 failed/);
    const doc = JSON.parse(readFileSync(good, 'utf8'));
    doc.response.sse = doc.response.sse.replace(/event: message_stop\ndata: [^\n]*\n\n/, '');
    const broken = path.join(work, 'broken-stream.json');
    writeFileSync(broken, JSON.stringify(doc));
    const bad = await command(['check-recorded', '--reports-dir', path.join(work, 'recorded-broken'), broken]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/stream_grammar|Stream events out of order/);
    expect(existsSync(path.join(work, 'recorded-broken', 'junit.xml'))).toBe(true);
  });
});
