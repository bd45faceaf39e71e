/**
 * `npm run bench [-- --runs N]`: how fast the suite is, against the reference mock on 127.0.0.1.
 * 1. the whole commands users run, N times each (median): `npm run contract` (jest and the
 *    integration) and `anthropic-conformance` (the compiled command, no jest): wall time, req/s;
 * 2. the engine in process (runConformance: send + every check), N times;
 * 3. the floor: the very same requests sent by a plain fetch loop with the same concurrency and no
 *    checks. The ratio of 2 to 3 per request is the cost of checking.
 * Writes bench.json into the reports folder (CONTRACT_REPORTS_DIR or ./reports).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { runConformance } from '../../src/engine/run-conformance';
import { AREAS } from '../../src/suite/areas';
import { createRun } from '../../src/suite/run';
import { resolveConfig } from '../../src/config';
import { buildRequest } from '../../src/http/client';
import { mapPool } from '../../src/suite/pool';
import { startMock } from '../../src/mock/server';
import type { RunResults } from '../../src/report/results';

const root = path.resolve(__dirname, '../..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out = path.resolve(process.env.CONTRACT_REPORTS_DIR || path.join(root, 'reports'));

/** The environment without a target: the commands then start the embedded mock. */
const withoutTarget = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|CONTRACT_|JEST_|npm_)/.test(k)),
);

function timeCommand(cmd: string, args: string[]): { medianMs: number; requests: number; requestsPerSecond: number } {
  const dir = path.join(os.tmpdir(), `contract-bench-${process.pid}`);
  const ms: number[] = [];
  let requests = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    const r = spawnSync(cmd, args, {
      cwd: root,
      env: { ...withoutTarget, CONTRACT_REPORTS_DIR: dir },
      stdio: 'ignore',
    });
    ms.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}) during the benchmark`);
    requests = (JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults).totals.requests;
  }
  rmSync(dir, { recursive: true, force: true });
  const m = median(ms);
  return { medianMs: Math.round(m), requests, requestsPerSecond: Math.round((requests / m) * 1000) };
}

async function main() {
  // 2. the engine in process (the embedded mock started by the engine itself, as users get it)
  const contract = await loadContract();
  const engineMs: number[] = [];
  let requests = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    const r = await runConformance({ contract });
    engineMs.push(performance.now() - t);
    requests = r.totals.requests;
  }

  // 3. the floor: the same requests, plain fetch, same concurrency, bodies read, nothing checked
  const key = 'bench-key-0123456789';
  const mock = await startMock(contract, { apiKey: key });
  const run = await createRun(resolveConfig({ baseURL: mock.url, apiKey: key }), contract);
  const sent = AREAS.flatMap((a) => a.cases(run)).map((c) => buildRequest(run.config, c, run.route(c)));
  const floorMs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await mapPool(sent, run.config.concurrency, async (r) => {
      const res = await fetch(r.url, {
        method: r.method,
        headers: r.headers,
        body: r.method === 'GET' ? undefined : r.body,
      });
      await res.text();
    });
    floorMs.push(performance.now() - t);
  }
  await mock.close();

  // 1. the whole commands, as users and CI run them
  const npmContract = timeCommand('npm', ['run', '-s', 'contract']);
  const command = timeCommand(process.execPath, [path.join(root, 'bin/anthropic-conformance.js')]);

  const engine = median(engineMs);
  const floor = median(floorMs);
  const result = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, load: os.loadavg()[0] },
    runs: RUNS,
    npmRunContract: npmContract,
    command,
    engineInProcess: {
      medianMs: Math.round(engine),
      requests,
      requestsPerSecond: Math.round((requests / engine) * 1000),
      msPerRequest: +(engine / requests).toFixed(3),
    },
    plainClient: {
      medianMs: Math.round(floor),
      requests: sent.length,
      requestsPerSecond: Math.round((sent.length / floor) * 1000),
      msPerRequest: +(floor / sent.length).toFixed(3),
    },
    ratioPerRequest: +(engine / requests / (floor / sent.length)).toFixed(2),
    goals: { wholeCommandUnderMs: 2000, ratioAtMost: 2 },
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'bench.json'), JSON.stringify(result, null, 1));
  console.log(
    `npm run contract (jest + integration): median ${(npmContract.medianMs / 1000).toFixed(2)} s for ${npmContract.requests} requests, ${npmContract.requestsPerSecond} req/s [goal: <= 2 s]`,
  );
  console.log(
    `anthropic-conformance (compiled, no jest): median ${(command.medianMs / 1000).toFixed(2)} s, ${command.requestsPerSecond} req/s [goal: <= 2 s]`,
  );
  console.log(
    `engine in process (mock start, generation, send, every check, results): median ${engine.toFixed(0)} ms for ${requests} requests, ${result.engineInProcess.requestsPerSecond} req/s`,
  );
  console.log(
    `plain client, same requests, no checks: median ${floor.toFixed(0)} ms, ${result.plainClient.requestsPerSecond} req/s`,
  );
  console.log(
    `checking costs ${result.ratioPerRequest}× the plain client per request; written to ${path.join(out, 'bench.json')}`,
  );
  if (result.machine.load > os.cpus().length)
    console.log(
      `note: load average ${result.machine.load.toFixed(1)} on ${os.cpus().length} cores while measuring: the figures are pessimistic`,
    );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
