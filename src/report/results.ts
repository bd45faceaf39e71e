/**
 * results.json: the machine-readable truth of a run, assembled from the areas' records, plus the
 * regression diff against the previous run on the same target (or CONTRACT_BASELINE), kept in
 * reports/history/ under its time stamp.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import type { AreaRecord } from './serialize';
import type { Contract } from '../contract/spec';
import { specUniverse } from './coverage';
import { diffRuns, type RunDiff } from './diff';
import type { Redactor } from '../http/redact';
import { makeDirs } from './reports-dir';
import { addUsage, type TokenUsage } from '../suite/usage';
import { runTiming, type RunTiming } from './timing';
import { gatherCauses } from './causes';
import { featureVerdicts, type FeatureResult } from '../features/verdicts';
import type { FeatureId } from '../features/ids';

export interface RunResults {
  tool: string;
  /** The suite's version (package.json), for a matrix column's heading. */
  toolVersion: string;
  target: { baseUrl: string; embedded: boolean; label: string; recorded?: boolean };
  spec: { file: string; version: string; sha256: string };
  profile: string;
  /** The slice of the suite this run covers, when not all of it (profile, operations, shard): runs are compared within one slice. */
  scope?: string;
  seed: number;
  runs: number;
  startedAt: string;
  durationMs: number;
  /**
   * One set of numbers for the console, JUnit, the HTML report and the exit code. Per check and
   * area: passed, failed (non-conformance), unavailable (the target stayed overloaded or down),
   * notRun (the run's time limit), skipped. jest and JUnit count failed + unavailable + notRun as
   * their failures (`failing`). Requests sent (retries included) and the tokens the target reported.
   * `warnings`: warning causes across the run (one per check and key, causes.ts), never failing.
   */
  totals: {
    passed: number;
    failed: number;
    unavailable: number;
    notRun: number;
    harnessErrors: number;
    failing: number;
    skipped: number;
    requests: number;
    exchanges: number;
    usage: TokenUsage;
    warnings?: number;
  };
  areas: AreaRecord[];
  coverage: { request: Coverage; response: Coverage };
  /** How the streams arrived: time to first token (p50/p95), tokens/s (p50), buffered streams (report/timing.ts). */
  timing?: RunTiming;
  /** One verdict per feature (supported, refused, broken, not applicable, not tested), from the checks that ran on its requests. */
  features: FeatureResult[];
  diff?: RunDiff;
}

export interface Coverage {
  covered: string[];
  uncovered: string[];
  percent: number;
}

export interface RunInfo {
  baseUrl: string;
  /** How reports and the matrix name the target (default: the base URL, or "embedded reference mock"). */
  label?: string;
  embedded: boolean;
  /** Recorded traffic checked offline (npm run check:recorded), not a live target. */
  recorded?: boolean;
  profile: string;
  scope?: string;
  seed: number;
  runs: number;
  startedAt: string;
  durationMs: number;
  /** The run's secrets (Run.redactor), kept out of the target's URL. */
  redactor?: Redactor;
  /** CONTRACT_REQUIRE_FEATURES: a refusal of these fails the run (the verdicts say so). */
  requireFeatures?: FeatureId[];
}

/** The base URL as reports show it: no user or password, no secret. */
function shownUrl(url: string, secrets?: Redactor): string {
  let shown = url;
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
      shown = u.toString().replace(/\/$/, '');
    }
  } catch {
    // Not a URL: shown as given.
  }
  return secrets ? secrets.text(shown) : shown;
}

/** This package's version (src/ and dist/ both sit two folders below package.json). */
const TOOL_VERSION = (
  JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }
).version;

export function buildResults(info: RunInfo, contract: Contract, areas: AreaRecord[]): RunResults {
  const universe = specUniverse(contract);
  const cover = (all: string[], seen: Set<string>): Coverage => {
    const covered = all.filter((x) => seen.has(x));
    return {
      covered,
      uncovered: all.filter((x) => !seen.has(x)),
      percent: all.length ? Math.round((100 * covered.length) / all.length) : 100,
    };
  };
  return {
    tool: 'anthropic-messages-conformance',
    toolVersion: TOOL_VERSION,
    target: {
      baseUrl: shownUrl(info.baseUrl, info.redactor),
      embedded: info.embedded,
      label: info.label ?? (info.embedded ? 'embedded reference mock' : shownUrl(info.baseUrl, info.redactor)),
      recorded: info.recorded,
    },
    spec: { file: 'openapi/anthropic-messages-api-openapi.yml', version: contract.version, sha256: contract.hash },
    profile: info.profile,
    ...(info.scope ? { scope: info.scope } : {}),
    seed: info.seed,
    runs: info.runs,
    startedAt: info.startedAt,
    durationMs: info.durationMs,
    totals: totalsOf(areas),
    areas,
    coverage: {
      request: cover(universe.request, new Set(areas.flatMap((a) => a.coverage.sent))),
      response: cover(universe.response, new Set(areas.flatMap((a) => a.coverage.observed))),
    },
    timing: runTiming(areas),
    features: featureVerdicts(
      areas.flatMap((a) => a.features ?? []),
      info.requireFeatures,
    ),
  };
}

export function totalsOf(areas: AreaRecord[]): RunResults['totals'] {
  const checks = areas.flatMap((a) => a.checks);
  const count = (p: (c: (typeof checks)[number]) => boolean) => checks.filter(p).length;
  const failed = count((c) => c.status === 'failed' && c.failures.some((f) => f.category === 'nonconformance'));
  const unavailable = count((c) => c.status === 'failed' && c.failures.every((f) => f.category !== 'nonconformance'));
  const notRun = count((c) => c.status === 'not_run');
  const harnessErrors = count((c) => c.status === 'not_run' && c.harnessError === true);
  return {
    passed: count((c) => c.status === 'passed'),
    failed,
    unavailable,
    notRun,
    harnessErrors,
    failing: failed + unavailable + notRun,
    skipped: count((c) => c.status === 'skipped'),
    warnings: gatherCauses({ areas }, 'warnings').length,
    requests: areas.reduce((n, a) => n + a.requests, 0),
    exchanges: areas.reduce((n, a) => n + a.exchanges, 0),
    usage: areas.reduce((u, a) => addUsage(u, a.usage), { inputTokens: 0, outputTokens: 0 }),
  };
}

/** The latest earlier run on the same target, from history/ (or the file CONTRACT_BASELINE names). */
export function findBaseline(
  dir: string,
  current: RunResults,
  explicit?: string,
): { file: string; results: RunResults } | undefined {
  if (explicit) return { file: explicit, results: JSON.parse(readFileSync(explicit, 'utf8')) as RunResults };
  if (!existsSync(dir)) return undefined;
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()
    .reverse()) {
    let r: RunResults;
    try {
      r = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as RunResults;
    } catch {
      continue; // a damaged history file is no baseline; it must not stop the run's report
    }
    // The same target and the same slice of the suite (profile, operations, shard): another slice is not a baseline.
    if (
      r.target?.label === current.target.label &&
      (r.scope ?? '') === (current.scope ?? '') &&
      r.startedAt !== current.startedAt
    )
      return { file: path.join('history', f), results: r };
  }
  return undefined;
}

export function writeResults(
  reportsDir: string,
  results: RunResults,
  baselinePath?: string,
  history = path.join(reportsDir, 'history'),
): RunResults {
  const baseline = findBaseline(history, results, baselinePath);
  results.diff = diffRuns(results, baseline?.results, baseline?.file);
  makeDirs(history);
  const file = path.join(reportsDir, 'results.json');
  writeFileSync(file, JSON.stringify(results, null, 1));
  // The pid keeps two runs started in the same millisecond apart.
  copyFileSync(file, path.join(history, `${results.startedAt.replace(/[:.]/g, '-')}-${process.pid}.json`));
  return results;
}
