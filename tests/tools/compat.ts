/**
 * `npm run compat`: the published compatibility rows (docs/compatibility.md). Installs each pinned
 * Anthropic-compatible gateway from npm into a temporary folder, puts our deterministic
 * OpenAI-compatible upstream (tests/fixtures/servers/openai-upstream.ts) behind it, starts it on
 * 127.0.0.1, runs the suite against it in process (reports into reports/compat/<name>/), stops it,
 * removes the folder, and rebuilds the page from the runs' results.json. Not part of `npm test`:
 * it needs the npm registry.
 *
 *   npm run compat                      every gateway, then the page
 *   npm run compat -- --only musistudio-llms,kimi-code-anthropic-proxy   some of them (the page keeps the others' last results)
 *   npm run compat -- --page-only       the page from the results already in reports/compat/
 *   CONTRACT_RUNS=N                     generated bodies per property (default 5)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { runConformance } from '../../src/engine/run-conformance';
import type { RunResults } from '../../src/report/results';
import { startOpenAIUpstream } from '../fixtures/servers/openai-upstream';
import { renderCompatibilityPage, type CompatTarget, type GatewayInfo } from './compat-page';

const root = path.resolve(__dirname, '../..');
const reportsRoot = path.join(root, 'reports', 'compat');
const pagePath = path.join(root, 'docs', 'compatibility.md');

/** The upstream's key and the one model it serves, as each gateway is configured to call it. */
const UPSTREAM_KEY = 'upstream-key-0123456789';
const UPSTREAM_MODEL = 'fixture-model';
/** The key the suite sends to a gateway that checks one. */
const GATEWAY_KEY = 'gateway-key-0123456789';

/** Where a gateway's process runs: its install folder, a home of its own, its port, the upstream. */
interface StartContext {
  installDir: string;
  home: string;
  port: number;
  upstreamUrl: string;
}

interface Gateway extends GatewayInfo {
  /** The command that starts it in the foreground, listening on 127.0.0.1:port. */
  start(ctx: StartContext): { args: string[]; env?: Record<string, string> };
}

/** Claude Code Router at one version: `ccr start` reads `$HOME/.claude-code-router/config.json`. */
function claudeCodeRouter(version: string): Gateway {
  return {
    name: `claude-code-router-${version}`,
    title: 'claude-code-router',
    package: '@musistudio/claude-code-router',
    version,
    description: 'Claude Code Router: routes Claude Code to other providers (`ccr start`).',
    model: undefined,
    modelNote: 'the spec’s example model; `Router.default` sends it to the upstream',
    setup: [
      '`$HOME/.claude-code-router/config.json`:',
      '`{"HOST":"127.0.0.1","PORT":$PORT,"APIKEY":"$ANTHROPIC_API_KEY","LOG":false,"NON_INTERACTIVE_MODE":true,',
      '"Providers":[{"name":"upstream","api_base_url":"$UPSTREAM/v1/chat/completions","api_key":"$UPSTREAM_KEY","models":["fixture-model"]}],',
      '"Router":{"default":"upstream,fixture-model"}}` (no `transformer`: the default for an OpenAI-compatible provider), then `ccr start`',
    ].join(' '),
    checksKey: true,
    start({ installDir, home, port, upstreamUrl }) {
      const config = {
        HOST: '127.0.0.1',
        PORT: port,
        APIKEY: GATEWAY_KEY,
        LOG: false,
        NON_INTERACTIVE_MODE: true,
        Providers: [
          {
            name: 'upstream',
            api_base_url: `${upstreamUrl}/v1/chat/completions`,
            api_key: UPSTREAM_KEY,
            models: [UPSTREAM_MODEL],
          },
        ],
        Router: { default: `upstream,${UPSTREAM_MODEL}` },
      };
      mkdirSync(path.join(home, '.claude-code-router'), { recursive: true });
      writeFileSync(path.join(home, '.claude-code-router', 'config.json'), JSON.stringify(config, null, 2));
      return { args: [path.join(installDir, 'node_modules/@musistudio/claude-code-router/dist/cli.js'), 'start'] };
    },
  };
}

/**
 * The gateways, pinned. Each is installed on its own (`npm install --ignore-scripts`: none needs an
 * install script to serve, and some dependencies' scripts would download prebuilt binaries).
 */
export const GATEWAYS: Gateway[] = [
  claudeCodeRouter('1.0.73'),
  claudeCodeRouter('2.0.0'),
  {
    name: 'musistudio-llms',
    title: 'musistudio-llms',
    package: '@musistudio/llms',
    version: '1.0.53',
    description: 'The LLM API transformation server (Fastify) that Claude Code Router is built on, run on its own.',
    model: `upstream,${UPSTREAM_MODEL}`,
    modelNote: '`provider,model`, as the server routes',
    setup: [
      '`new (require("@musistudio/llms").default)({initialConfig:{HOST:"127.0.0.1",PORT:$PORT,',
      'providers:[{name:"upstream",api_base_url:"$UPSTREAM/v1/chat/completions",api_key:"$UPSTREAM_KEY",models:["fixture-model"]}]}}).start()` (no `transformer`)',
    ].join(''),
    checksKey: false,
    start({ port, upstreamUrl }) {
      const initialConfig = {
        HOST: '127.0.0.1',
        PORT: port,
        providers: [
          {
            name: 'upstream',
            api_base_url: `${upstreamUrl}/v1/chat/completions`,
            api_key: UPSTREAM_KEY,
            models: [UPSTREAM_MODEL],
          },
        ],
      };
      const script = `const m = require('@musistudio/llms'); const Server = m.default || m; new Server({ logger: false, initialConfig: ${JSON.stringify(initialConfig)} }).start();`;
      return { args: ['-e', script] };
    },
  },
  {
    name: 'kimi-code-anthropic-proxy',
    title: 'kimi-code anthropic-proxy',
    package: 'kimi-code',
    version: '1.0.11',
    description:
      'The anthropic-proxy (adapted from maxnowack/anthropic-proxy) that kimi-code starts in front of Claude Code.',
    model: undefined,
    modelNote: 'the spec’s example model; the proxy sends every request to its configured model',
    setup:
      '`require("kimi-code/proxy.js").start($PORT, {baseUrl:"$UPSTREAM", key:"$UPSTREAM_KEY", reasoningModel:"fixture-model", completionModel:"fixture-model"})`',
    checksKey: false,
    start({ port, upstreamUrl }) {
      const options = {
        baseUrl: upstreamUrl,
        key: UPSTREAM_KEY,
        reasoningModel: UPSTREAM_MODEL,
        completionModel: UPSTREAM_MODEL,
      };
      const script = `require('kimi-code/proxy.js').start(${port}, ${JSON.stringify(options)}).catch((e) => { console.error(e); process.exit(1); });`;
      return { args: ['-e', script] };
    },
  },
];

/** A free port on 127.0.0.1 (asked of the system, then released for the gateway to take). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

/** Waits until the gateway accepts connections; fails when it exits first or the wait runs out. */
async function waitListening(child: ChildProcess, port: number, logFile: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before listening:\n${tail(logFile)}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not listening on 127.0.0.1:${port} after ${timeoutMs} ms:\n${tail(logFile)}`);
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '');

/** Gateways running now and the temporary folder: what an interrupted run must not leave behind. */
const running = new Set<ChildProcess>();
let tmpDir: string | undefined;

function cleanUpAndExit(signal: NodeJS.Signals): void {
  for (const child of running) child.kill('SIGKILL');
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** SIGTERM, then SIGKILL if it is still there after a few seconds. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function install(g: Gateway, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'compat-gateway', private: true }));
  const r = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', `${g.package}@${g.version}`],
    { cwd: dir, encoding: 'utf8', timeout: 600_000 },
  );
  if (r.status !== 0)
    throw new Error(`npm install ${g.package}@${g.version} failed:\n${(r.stderr || '').slice(-2000)}`);
}

/** Installs, starts and runs the suite against one gateway; always stops it. */
async function runGateway(g: Gateway, tmp: string, upstreamUrl: string, runs: number): Promise<RunResults> {
  const installDir = path.join(tmp, g.name);
  const home = path.join(tmp, `${g.name}-home`);
  mkdirSync(home, { recursive: true });
  console.log(`${g.name}: npm install ${g.package}@${g.version}`);
  install(g, installDir);
  const port = await freePort();
  const { args, env } = g.start({ installDir, home, port, upstreamUrl });
  const logFile = path.join(tmp, `${g.name}.log`);
  const log = openSync(logFile, 'w');
  // A small environment of its own: its home (configuration, logs) in the temporary folder.
  const child = spawn(process.execPath, args, {
    cwd: installDir,
    env: { PATH: process.env.PATH ?? '', HOME: home, CI: 'true', ...env },
    stdio: ['ignore', log, log],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  closeSync(log);
  try {
    await waitListening(child, port, logFile);
    console.log(`${g.name}: listening on 127.0.0.1:${port}; running the suite`);
    const reportsDir = path.join(reportsRoot, g.name);
    rmSync(reportsDir, { recursive: true, force: true });
    const results = await runConformance({
      baseURL: `http://127.0.0.1:${port}`,
      apiKey: GATEWAY_KEY,
      model: g.model,
      runs,
      timeoutMs: 15_000,
      runTimeoutMs: 15 * 60_000,
      reportsDir,
      contract: await loadContract(),
    });
    const t = results.totals;
    console.log(
      `${g.name}: ${t.passed} passed, ${t.failed} failed, ${t.unavailable} unavailable, ${t.notRun} not run, ${t.skipped} skipped (${t.requests} requests)`,
    );
    return results;
  } finally {
    await stop(child);
  }
}

function readResults(name: string): RunResults | undefined {
  const file = path.join(reportsRoot, name, 'results.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunResults) : undefined;
}

/** The page from the results in reports/compat/ (every gateway that has one). */
export function buildPage(date: string): string {
  const targets: CompatTarget[] = GATEWAYS.flatMap((g) => {
    const results = readResults(g.name);
    return results ? [{ gateway: g, results }] : [];
  });
  const suiteVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  return renderCompatibilityPage({ date, suiteVersion, targets, upstreamModel: UPSTREAM_MODEL });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;
  const unknown = (only ?? []).filter((n) => !GATEWAYS.some((g) => g.name === n));
  if (unknown.length)
    throw new Error(`--only: unknown gateway ${unknown.join(', ')} (known: ${GATEWAYS.map((g) => g.name).join(', ')})`);
  const runs = Number(process.env.CONTRACT_RUNS || 5);
  const date = new Date().toISOString().slice(0, 10);

  if (!argv.includes('--page-only')) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'anthropic-compat-'));
    tmpDir = tmp;
    process.once('SIGINT', cleanUpAndExit).once('SIGTERM', cleanUpAndExit);
    const upstream = await startOpenAIUpstream({ apiKey: UPSTREAM_KEY, models: [UPSTREAM_MODEL] });
    const failed: string[] = [];
    try {
      for (const g of GATEWAYS.filter((x) => !only || only.includes(x.name))) {
        try {
          await runGateway(g, tmp, upstream.url, runs);
        } catch (e) {
          // One gateway that cannot be installed or started does not stop the others.
          failed.push(g.name);
          console.error(`${g.name}: ${(e as Error).message}`);
        }
      }
    } finally {
      await upstream.close();
      rmSync(tmp, { recursive: true, force: true });
      tmpDir = undefined;
    }
    if (failed.length) process.exitCode = 1;
  }
  mkdirSync(path.dirname(pagePath), { recursive: true });
  writeFileSync(pagePath, buildPage(date));
  console.log(`wrote ${path.relative(root, pagePath)}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
