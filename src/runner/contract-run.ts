/**
 * One contract run, start to files: builds the Run from the configuration (read once by the
 * caller), evaluates every area in order, and writes what it found (results.json with the diff
 * against the previous run, report.html, the history copy). Areas return data; the reports and the
 * jest presentation (runner/present.ts) read that data. A bug of ours that outlives the run's
 * deadline by a grace period cannot hold the run: the areas not finished are reported as not run,
 * flagged as the suite's failure.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunConfig } from '../config';
import { createRun } from '../suite/run';
import { AREAS, evaluateArea, notRunOutcome, type AreaDef, type AreaOutcome } from '../suite/areas';
import { serializeArea, type AreaRecord } from '../report/serialize';
import { buildResults, writeResults, type RunResults } from '../report/results';
import { renderHtml } from '../report/html';

/** How long past CONTRACT_RUN_TIMEOUT_MS the run waits for an area before giving up on it (a bug of ours: requests end by their deadlines). */
export const HARNESS_GRACE_MS = 60_000;

export interface ContractRunOptions {
  startedAt: Date;
  /** Where results.json, report.html and the history copy go. */
  reportsDir: string;
  historyDir: string;
  /** A results.json to compare with instead of the previous run (CONTRACT_BASELINE). */
  baseline?: string;
  /** `[i, n]`: only the areas whose position is i modulo n (1-based), to split a run across machines. */
  shard?: [number, number];
  /** Hears of each area as it ends (progress lines). */
  onArea?(outcome: AreaRecord): void;
}

export async function contractRun(config: RunConfig, o: ContractRunOptions): Promise<RunResults> {
  const run = await createRun(config);
  const areas = AREAS.filter((_, i) => !o.shard || i % o.shard[1] === o.shard[0] - 1);
  const records: AreaRecord[] = [];
  const record = (outcome: AreaOutcome) => {
    const r = serializeArea(outcome, { apiKey: config.apiKey, redactor: run.redactor, casesDir: path.join(o.reportsDir, 'cases') });
    records.push(r);
    o.onArea?.(r);
  };
  const done = (async () => {
    for (const area of areas) record(await evaluateArea(run, area));
  })();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), Math.max(0, config.runDeadline + HARNESS_GRACE_MS - Date.now()));
  });
  try {
    const ended = await Promise.race([done.then(() => 'done' as const), hung]);
    if (ended === 'hung') for (const area of areas.slice(records.length)) records.push(hungArea(area));
  } catch (e) {
    // A crash of ours: what finished is kept, the rest is named as the suite's failure.
    const why = `the suite failed: ${String((e as Error)?.stack ?? e).split('\n').slice(0, 3).join(' ')}`;
    for (const area of areas.slice(records.length)) records.push(hungArea(area, why));
  } finally {
    clearTimeout(timer);
  }
  const results = buildResults(
    { baseUrl: config.baseUrl, redactor: run.redactor, embedded: config.embedded, profile: config.profile, scope: scopeOf(config, o.shard), seed: config.seed, runs: config.runs, startedAt: o.startedAt.toISOString(), durationMs: Date.now() - o.startedAt.getTime() },
    run.contract,
    records,
  );
  writeResults(o.reportsDir, results, o.baseline, o.historyDir);
  writeFileSync(path.join(o.reportsDir, 'report.html'), renderHtml(results));
  return results;
}

/** What slice of the suite a run covers, when not all of it: history compares runs of one slice only. */
function scopeOf(config: RunConfig, shard: ContractRunOptions['shard']): string | undefined {
  const parts = [config.profile !== 'full' && `profile ${config.profile}`, config.operations.chosen && `operations ${config.operations.groups.join(',')}`, shard && `shard ${shard.join('/')}`];
  return parts.filter(Boolean).join('; ') || undefined;
}

/** The record of an area the run could not finish because the suite itself failed or hung (exit 5). */
export function hungArea(area: AreaDef, reason = `the suite did not finish this area ${HARNESS_GRACE_MS / 1000} s after CONTRACT_RUN_TIMEOUT_MS`): AreaRecord {
  const record = serializeArea(notRunOutcome(area, reason), { apiKey: '' });
  return { ...record, checks: record.checks.map((c) => ({ ...c, harnessError: true })) };
}
