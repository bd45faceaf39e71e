/**
 * The areas of one run, in order, into results: builds the Run, evaluates each area, serializes
 * it as it ends. A bug of ours that outlives the run's deadline by a grace period cannot hold the
 * run: the areas not finished are reported as not run, flagged as the suite's failure.
 */
import type { Check } from '../checks/failure';
import { ConfigError, type RunConfig } from '../config';
import type { Contract } from '../contract/spec';
import { createRun } from '../suite/run';
import { AREAS, evaluateArea, notRunOutcome, type AreaDef, type AreaOutcome } from '../suite/areas';
import { serializeArea, type AreaRecord } from '../report/serialize';
import { buildResults, type RunResults } from '../report/results';

/** How long past the run's time limit the run waits for an area before giving up on it (a bug of ours: requests end by their deadlines). */
export const HARNESS_GRACE_MS = 60_000;

export interface EvaluateOptions {
  startedAt: Date;
  custom?: readonly Check[];
  shard?: [number, number];
  onArea?(area: AreaRecord): void;
  /** @internal Hears of each area's live outcome (exchanges and failures as objects): our tests read them. */
  onOutcome?(outcome: AreaOutcome): void;
  /** Where bodies too long for a curl line are written (the reports folder's cases/). */
  casesDir?: string;
  /** The areas to run, by id (default: all of them). */
  areas?: string[];
  label?: string;
}

/** The areas a run covers: those named (all by default), then the shard's slice of them. */
export function selectAreas(o: Pick<EvaluateOptions, 'areas' | 'shard'>): AreaDef[] {
  const unknown = (o.areas ?? []).filter((id) => !AREAS.some((a) => a.id === id));
  if (unknown.length)
    throw new ConfigError(
      `areas (CONTRACT_AREAS): unknown area ${unknown.map((u) => JSON.stringify(u)).join(', ')} (known: ${AREAS.map((a) => a.id).join(', ')})`,
    );
  const named = o.areas?.length ? AREAS.filter((a) => o.areas!.includes(a.id)) : AREAS;
  return named.filter((_, i) => !o.shard || i % o.shard[1] === o.shard[0] - 1);
}

export async function evaluateAreas(config: RunConfig, contract: Contract, o: EvaluateOptions): Promise<RunResults> {
  const run = await createRun(config, contract, o.custom);
  const areas = selectAreas(o);
  const records: AreaRecord[] = [];
  const record = (outcome: AreaOutcome) => {
    o.onOutcome?.(outcome);
    const r = serializeArea(outcome, { apiKey: config.apiKey, redactor: run.redactor, casesDir: o.casesDir });
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
    if (ended === 'hung')
      for (const area of areas.slice(records.length)) records.push(hungArea(area, undefined, o.custom));
  } catch (e) {
    // A crash of ours: what finished is kept, the rest is named as the suite's failure.
    const why = `the suite failed: ${String((e as Error)?.stack ?? e)
      .split('\n')
      .slice(0, 3)
      .join(' ')}`;
    for (const area of areas.slice(records.length)) records.push(hungArea(area, why, o.custom));
  } finally {
    clearTimeout(timer);
  }
  return buildResults(
    {
      baseUrl: config.baseUrl,
      label: o.label,
      redactor: run.redactor,
      requireFeatures: config.requireFeatures,
      embedded: config.embedded,
      profile: config.profile,
      scope: scopeOf(config, o),
      seed: config.seed,
      runs: config.runs,
      startedAt: o.startedAt.toISOString(),
      durationMs: Date.now() - o.startedAt.getTime(),
    },
    contract,
    records,
  );
}

/** What slice of the suite a run covers, when not all of it: history compares runs of one slice only. */
function scopeOf(config: RunConfig, o: Pick<EvaluateOptions, 'areas' | 'shard'>): string | undefined {
  const parts = [
    config.profile !== 'full' && `profile ${config.profile}`,
    config.operations.chosen && `operations ${config.operations.groups.join(',')}`,
    o.areas?.length && `areas ${o.areas.join(',')}`,
    o.shard && `shard ${o.shard.join('/')}`,
  ];
  return parts.filter(Boolean).join('; ') || undefined;
}

/** The record of an area the run could not finish because the suite itself failed or hung (exit 5). */
export function hungArea(
  area: AreaDef,
  reason = `the suite did not finish this area ${HARNESS_GRACE_MS / 1000} s after the run's time limit`,
  custom: readonly Check[] = [],
): AreaRecord {
  const record = serializeArea(notRunOutcome(area, reason, custom), { apiKey: '' });
  return { ...record, checks: record.checks.map((c) => ({ ...c, harnessError: true })) };
}
