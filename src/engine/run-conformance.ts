/**
 * One live run, options in, results out: claims the reports folder, chooses and checks the target
 * (the embedded mock when no base URL is given), evaluates every area in order, writes the reports
 * and decides the exit code. The command line, the jest integration, the benchmark and the tests
 * all run through here; nothing here reads the environment or prints.
 */
import { randomBytes } from 'node:crypto';
import type { Check } from '../checks/failure';
import { CHECK_META } from '../suite/areas';
import { ConfigError, type ConformanceOptions, type RunConfig } from '../config';
import { loadContract, type Contract } from '../contract/spec';
import { claimReports } from '../report/reports-dir';
import type { AreaRecord } from '../report/serialize';
import type { RunResults } from '../report/results';
import { evaluateAreas, selectAreas } from './evaluate';
import type { AreaOutcome } from '../suite/areas';
import { prepareTarget } from './target';
import { writeReports } from './write-reports';
import { exitCodeOf } from './exit-codes';

export interface RunOptions extends ConformanceOptions {
  /** Checks of your own (made with `defineCheck`): run on every exchange of the operations they name, reported and gating like ours. */
  checks?: Check[];
  /** Hears of each area as it ends (progress lines). */
  onArea?(area: AreaRecord): void;
  /** A contract already loaded (the tests share one per worker). */
  contract?: Contract;
  /** @internal Hears of each area's live outcome (our tests read exchanges and failures as objects). */
  onOutcome?(outcome: AreaOutcome): void;
}

/** What a run found, as results.json holds it, with where the files went and the exit code. */
export interface ConformanceResults extends RunResults {
  exitCode: number;
  /** The folder the reports went to (another run holding the folder asked for sends them to `parallel/<id>/`). */
  reportsDir?: string;
  /** Lines worth telling the user besides the results (the reports folder was taken, no baseline). */
  notes: string[];
}

export async function runConformance(options: RunOptions = {}): Promise<ConformanceResults> {
  const startedAt = new Date();
  checkCustom(options.checks ?? []);
  selectAreas(options);
  const runId = `${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const reports = options.reportsDir ? claimReports(options.reportsDir, runId) : undefined;
  const notes = reports?.note ? [reports.note] : [];
  try {
    const contract = options.contract ?? (await loadContract());
    const target = await prepareTarget(options, contract);
    let results: RunResults;
    try {
      results = await evaluateAreas(target.config, contract, {
        startedAt,
        custom: options.checks,
        shard: options.shard,
        areas: options.areas,
        label: options.label,
        onArea: options.onArea,
        onOutcome: options.onOutcome,
        casesDir: reports && `${reports.dir}/cases`,
      });
    } finally {
      await target.close();
    }
    if (reports)
      writeReports(reports.dir, results, { baseline: target.config.baseline, historyDir: reports.historyDir });
    return { ...results, exitCode: exitCode(results, target.config, notes), reportsDir: reports?.dir, notes };
  } finally {
    reports?.release();
  }
}

/** Any failure fails the run; with failOn `new`, only failures new since the baseline (a drift gate for known deviations). */
function exitCode(r: RunResults, config: RunConfig, notes: string[]): number {
  if (config.failOn !== 'new') return exitCodeOf(r.totals);
  if (!r.diff?.baseline) {
    notes.push('failOn new: no earlier run on this target, so every failure counts.');
    return exitCodeOf(r.totals);
  }
  const fresh = r.diff.newFailures.length;
  notes.push(
    `failOn new: ${fresh} new failure(s)${r.totals.unavailable ? `, target unavailable in ${r.totals.unavailable} check(s)` : ''}.`,
  );
  return exitCodeOf(r.totals, fresh);
}

/** A user's check must be whole and must not take the name of one of ours (reports follow checks by id). */
function checkCustom(checks: Check[]): void {
  const seen = new Set<string>();
  for (const c of checks) {
    if (!c?.id || typeof c.run !== 'function' || !Array.isArray(c.operations) || !Array.isArray(c.profiles)) {
      throw new ConfigError(
        `checks: each check needs id, title, source, profiles, operations and run (use defineCheck); got ${JSON.stringify(c?.id ?? c)}`,
      );
    }
    if (CHECK_META[c.id] || seen.has(c.id))
      throw new ConfigError(`checks: the id ${JSON.stringify(c.id)} is taken; give your check a name of its own`);
    seen.add(c.id);
  }
}
