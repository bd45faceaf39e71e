/**
 * `npm run contract [-- jest args]`: claims a reports folder, chooses and checks the target (the
 * embedded mock when ANTHROPIC_BASE_URL is unset), runs the conformance suite (jest's contract
 * project) under the run's deadline, then decides the exit code from results.json (cli/exit-codes.ts):
 * any failure fails the run, or with CONTRACT_FAIL_ON=new only failures that are new since the
 * previous run (a drift gate for a server with known, accepted deviations).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, runTimeoutMs } from '../config';
import { reportsDir } from '../report/paths';
import { claimReports } from '../report/reports-dir';
import type { RunResults } from '../report/results';
import { prepareTarget, TargetUnreachable } from '../runner/target';
import { EXIT, exitCodeOf } from './exit-codes';
import { runJestProject } from './jest';

async function main(): Promise<number> {
  const failOn = process.env.CONTRACT_FAIL_ON || 'any';
  if (failOn !== 'any' && failOn !== 'new') return usage(`CONTRACT_FAIL_ON must be "any" or "new", got ${JSON.stringify(failOn)}`);
  const runId = `${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`;
  let timeoutMs: number;
  let reports: ReturnType<typeof claimReports>;
  try {
    timeoutMs = runTimeoutMs();
    reports = claimReports(reportsDir(), runId);
  } catch (e) {
    if (e instanceof ConfigError) return usage(e.message);
    throw e;
  }
  if (reports.note) console.error(reports.note);
  const startedAt = new Date();
  try {
    let target;
    try {
      target = await prepareTarget(process.env);
    } catch (e) {
      if (e instanceof ConfigError) return usage(`configuration: ${e.message}`);
      if (e instanceof TargetUnreachable) {
        console.error(e.message);
        return EXIT.unavailable;
      }
      throw e;
    }
    const code = await runJestProject('contract', process.argv.slice(2), {
      ...target.env,
      CONTRACT_RUN_ID: runId,
      CONTRACT_STARTED_AT: startedAt.toISOString(),
      CONTRACT_RUN_DEADLINE: String(startedAt.getTime() + timeoutMs),
      CONTRACT_REPORTS_DIR: reports.dir,
      CONTRACT_HISTORY_DIR: reports.historyDir,
    }).finally(() => target.close());
    const file = path.join(reports.dir, 'results.json');
    if (!existsSync(file)) {
      console.error('The run ended without results (see above); no report was written.');
      return code === EXIT.incomplete ? code : EXIT.harness;
    }
    const r = JSON.parse(readFileSync(file, 'utf8')) as RunResults;
    if (failOn === 'new') {
      if (!r.diff?.baseline) {
        console.error('CONTRACT_FAIL_ON=new: no earlier run on this target, so every failure counts.');
        return exitCodeOf(r.totals);
      }
      const fresh = r.diff.newFailures.length;
      console.error(`CONTRACT_FAIL_ON=new: ${fresh} new failure(s)${r.totals.unavailable ? `, target unavailable in ${r.totals.unavailable} check(s)` : ''}.`);
      return exitCodeOf(r.totals, fresh);
    }
    // jest failing where no check did (a crash in our harness) still fails the run.
    return exitCodeOf(r.totals) || (code === 0 ? EXIT.conforms : EXIT.harness);
  } finally {
    reports.release();
  }
}

function usage(message: string): number {
  console.error(message);
  return EXIT.usage;
}

main().then((code) => process.exit(code));
