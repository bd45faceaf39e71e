/**
 * `npm run bench [-- --runs N]`: how fast the suite is. Against the reference mock on 127.0.0.1:
 * 1. the whole `npm run contract` (jest and all), N times: wall time and requests per second;
 * 2. the suite's own work in process (send + every check), N times;
 * 3. the floor: the very same requests sent by a plain fetch loop with the same concurrency and no
 *    checks. The ratio of 2 to 3 per request is the cost of checking.
 * Writes reports/bench.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContract } from '../contract/spec';
import { startMock } from '../mock/server';
import { AREAS, evaluateAll } from '../suite/areas';
import { runFromEnv } from '../suite/run';
import { buildRequest } from '../http/client';
import { mapPool } from '../suite/pool';
import { reportsDir } from '../report/paths';
import type { RunResults } from '../report/results';

const root = path.resolve(__dirname, '../..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const key = 'bench-key-0123456789';
  const mock = await startMock(await loadContract(), { apiKey: key });
  const env = { ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: key };

  // 2. the suite in process
  const suiteMs: number[] = [];
  const generationMs: number[] = [];
  let requests = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const ctx = await runFromEnv(env);
    // Building the requests (fast-check generation) is timed apart: the floor has no such step.
    let t = performance.now();
    for (const area of AREAS) area.cases(ctx);
    generationMs.push(performance.now() - t);
    t = performance.now();
    await evaluateAll(ctx);
    suiteMs.push(performance.now() - t);
    requests = ctx.budget.requests;
  }

  // 3. the floor: the same requests, plain fetch, same concurrency, bodies read, nothing checked
  const ctx = await runFromEnv(env);
  const sent = AREAS.flatMap((a) => a.cases(ctx)).map((c) => buildRequest(ctx.config, c, ctx.route(c)));
  const floorMs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await mapPool(sent, ctx.config.concurrency, async (r) => {
      const res = await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body });
      await res.text();
    });
    floorMs.push(performance.now() - t);
  }
  await mock.close();

  // 1. the whole command, as CI runs it
  const wallMs: number[] = [];
  let wallRequests = 0;
  const benchReports = path.join(os.tmpdir(), `contract-bench-${process.pid}`);
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['-r', 'esbuild-register', path.join(root, 'src/cli/contract.ts'), '--silent'], { cwd: root, env: { ...withoutTarget(process.env), CONTRACT_REPORTS_DIR: benchReports }, stdio: 'ignore' });
    wallMs.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`npm run contract failed (exit ${r.status}) during the benchmark`);
    wallRequests = (JSON.parse(readFileSync(path.join(benchReports, 'results.json'), 'utf8')) as RunResults).totals.requests;
  }
  rmSync(benchReports, { recursive: true, force: true });

  const generation = median(generationMs);
  const suite = median(suiteMs) - generation;
  const floor = median(floorMs);
  const wall = median(wallMs);
  const result = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    runs: RUNS,
    requests,
    wholeRun: { medianMs: Math.round(wall), requests: wallRequests, requestsPerSecond: Math.round((wallRequests / wall) * 1000) },
    generation: { medianMs: Math.round(generation) },
    suiteInProcess: { medianMs: Math.round(suite), requestsPerSecond: Math.round((requests / suite) * 1000), msPerRequest: +(suite / requests).toFixed(3) },
    plainClient: { medianMs: Math.round(floor), requests: sent.length, requestsPerSecond: Math.round((sent.length / floor) * 1000), msPerRequest: +(floor / sent.length).toFixed(3) },
    ratioPerRequest: +((suite / requests) / (floor / sent.length)).toFixed(2),
    goals: { wholeRunUnderMs: 15000, requestsPerSecondAtLeast: 200, ratioAtMost: 2 },
  };
  mkdirSync(reportsDir(), { recursive: true });
  writeFileSync(path.join(reportsDir(), 'bench.json'), JSON.stringify(result, null, 1));
  console.log(`npm run contract (jest included): median ${(wall / 1000).toFixed(2)} s for ${wallRequests} requests, ${result.wholeRun.requestsPerSecond} req/s [goal: < 15 s]`);
  console.log(`suite in process, send + every check: median ${suite.toFixed(0)} ms for ${requests} requests, ${result.suiteInProcess.requestsPerSecond} req/s [goal: >= 200 req/s] (+ ${generation.toFixed(0)} ms generating them)`);
  console.log(`plain client, same requests, no checks: median ${floor.toFixed(0)} ms, ${result.plainClient.requestsPerSecond} req/s`);
  console.log(`checking costs ${result.ratioPerRequest}× the plain client per request [goal: <= 2×]; written to reports/bench.json`);
}

/** The environment without a target: `npm run contract` then starts the embedded mock. */
const withoutTarget = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([k]) => !/^(ANTHROPIC_|CONTRACT_)/.test(k)));

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
