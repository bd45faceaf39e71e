/**
 * `npm run contract [-- jest args]`: claims a reports folder, chooses and checks the target (the
 * embedded mock when ANTHROPIC_BASE_URL is unset), reads the configuration once, runs the suite
 * (runner/contract-run.ts: areas return data, the reports are written from it), lets jest present
 * that data as tests (and JUnit), then decides the exit code from the totals (cli/exit-codes.ts):
 * any failure fails the run, or with CONTRACT_FAIL_ON=new only failures that are new since the
 * previous run (a drift gate for a server with known, accepted deviations).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError, readSettings, type RunConfig, type RunSettings } from '../config';
import { claimReports } from '../report/reports-dir';
import type { RunResults } from '../report/results';
import type { AreaRecord } from '../report/serialize';
import { summaryText } from '../report/summary';
import { contractRun } from '../runner/contract-run';
import { prepareTarget, TargetUnreachable } from '../runner/target';
import { EXIT, exitCodeOf } from './exit-codes';
import { runJestProject } from './jest';
import { takeShard } from './shard';

async function main(): Promise<number> {
  const runId = `${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const { shard, jestArgs } = takeShard(process.argv.slice(2));
  if (shard === null) return usage('--shard must be i/n with 1 <= i <= n, e.g. --shard=1/2');
  let reports: ReturnType<typeof claimReports>;
  let failOn: RunSettings['failOn'];
  try {
    const settings = readSettings();
    failOn = settings.failOn;
    reports = claimReports(settings.reportsDir, runId);
  } catch (e) {
    if (e instanceof ConfigError) return usage(e.message);
    throw e;
  }
  if (reports.note) console.error(reports.note);
  const startedAt = new Date();
  try {
    let target;
    let config: RunConfig;
    try {
      target = await prepareTarget(process.env);
      config = target.config;
    } catch (e) {
      if (e instanceof ConfigError) return usage(`configuration: ${e.message}`);
      if (e instanceof TargetUnreachable) {
        console.error(e.message);
        return EXIT.unavailable;
      }
      throw e;
    }
    let r: RunResults;
    try {
      r = await contractRun(config, { startedAt, reportsDir: reports.dir, historyDir: reports.historyDir, baseline: config.baseline, shard, onArea: progress });
    } finally {
      await target.close();
    }
    const code = await runJestProject('contract', jestArgs, path.join(reports.dir, 'results.json'), reports.dir);
    process.stderr.write(`\n${summaryText(r, reports.dir)}\n`);
    if (failOn === 'new') {
      if (!r.diff?.baseline) {
        console.error('CONTRACT_FAIL_ON=new: no earlier run on this target, so every failure counts.');
        return exitCodeOf(r.totals);
      }
      const fresh = r.diff.newFailures.length;
      console.error(`CONTRACT_FAIL_ON=new: ${fresh} new failure(s)${r.totals.unavailable ? `, target unavailable in ${r.totals.unavailable} check(s)` : ''}.`);
      return exitCodeOf(r.totals, fresh);
    }
    // jest failing where no check did (a crash in the presentation) still fails the run.
    return exitCodeOf(r.totals) || (code === 0 ? EXIT.conforms : EXIT.harness);
  } finally {
    reports.release();
  }
}

/** One line per area as it ends, so that a long run against a slow target shows it is alive. */
function progress(a: AreaRecord): void {
  const count = (s: string) => a.checks.filter((c) => c.status === s).length;
  const state = a.notImplemented ? `not implemented (${a.notImplemented})` : a.skipped ? `skipped: ${a.skipped}` : `${count('passed')} passed, ${count('failed')} failed${count('not_run') ? `, ${count('not_run')} not run` : ''}`;
  console.error(`${a.id}: ${state}; ${a.requests} requests, ${(a.durationMs / 1000).toFixed(1)} s`);
}

function usage(message: string): number {
  console.error(message);
  return EXIT.usage;
}

main()
  // A crash of ours is the suite's failure, never the target's (exit 5, not 1).
  .catch((e: unknown) => {
    console.error(`The suite failed: ${(e as Error)?.stack ?? String(e)}`);
    return EXIT.harness;
  })
  .then((code) => process.exit(code));
