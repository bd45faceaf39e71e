/**
 * results.json: the machine-readable truth of a run, assembled from the areas' records, plus the
 * regression diff against the previous run on the same target (or CONTRACT_BASELINE), kept in
 * reports/history/ under its time stamp.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import type { AreaRecord } from './serialize';
import type { Contract } from '../contract/spec';
import { specUniverse } from './coverage';
import { diffRuns, type RunDiff } from './diff';
import { redact } from '../http/redact';

export interface RunResults {
  tool: string;
  target: { baseUrl: string; embedded: boolean; label: string; recorded?: boolean };
  spec: { file: string; version: string; sha256: string };
  profile: string;
  seed: number;
  runs: number;
  startedAt: string;
  durationMs: number;
  totals: { passed: number; failed: number; skipped: number; unavailable: number; requests: number; exchanges: number };
  areas: AreaRecord[];
  coverage: { request: Coverage; response: Coverage };
  diff?: RunDiff;
}

export interface Coverage {
  covered: string[];
  uncovered: string[];
  percent: number;
}

export interface RunInfo {
  baseUrl: string;
  embedded: boolean;
  /** Recorded traffic checked offline (npm run check:recorded), not a live target. */
  recorded?: boolean;
  profile: string;
  seed: number;
  runs: number;
  startedAt: string;
  durationMs: number;
}

export function readAreas(dir: string): AreaRecord[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as AreaRecord);
}

export function buildResults(info: RunInfo, contract: Contract, areas: AreaRecord[]): RunResults {
  const checks = areas.flatMap((a) => a.checks);
  const universe = specUniverse(contract);
  const cover = (all: string[], seen: Set<string>): Coverage => {
    const covered = all.filter((x) => seen.has(x));
    return { covered, uncovered: all.filter((x) => !seen.has(x)), percent: all.length ? Math.round((100 * covered.length) / all.length) : 100 };
  };
  return {
    tool: 'anthropic-messages-conformance',
    target: { baseUrl: redact(info.baseUrl), embedded: info.embedded, label: info.embedded ? 'embedded reference mock' : redact(info.baseUrl), recorded: info.recorded },
    spec: { file: 'openapi/anthropic-messages-api-openapi.yml', version: contract.version, sha256: contract.hash },
    profile: info.profile,
    seed: info.seed,
    runs: info.runs,
    startedAt: info.startedAt,
    durationMs: info.durationMs,
    totals: {
      passed: checks.filter((c) => c.status === 'passed').length,
      failed: checks.filter((c) => c.status === 'failed' && c.failures.some((f) => f.category === 'nonconformance')).length,
      skipped: checks.filter((c) => c.status === 'skipped').length,
      unavailable: checks.filter((c) => c.status === 'failed' && c.failures.every((f) => f.category !== 'nonconformance')).length,
      requests: areas.reduce((n, a) => n + a.requests, 0),
      exchanges: areas.reduce((n, a) => n + a.exchanges, 0),
    },
    areas,
    coverage: {
      request: cover(universe.request, new Set(areas.flatMap((a) => a.coverage.sent))),
      response: cover(universe.response, new Set(areas.flatMap((a) => a.coverage.observed))),
    },
  };
}

/** The latest earlier run on the same target, from history/ (or the file CONTRACT_BASELINE names). */
export function findBaseline(reportsDir: string, current: RunResults, explicit?: string): { file: string; results: RunResults } | undefined {
  if (explicit) return { file: explicit, results: JSON.parse(readFileSync(explicit, 'utf8')) as RunResults };
  const dir = path.join(reportsDir, 'history');
  if (!existsSync(dir)) return undefined;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort().reverse()) {
    const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as RunResults;
    if (r.target.label === current.target.label && r.startedAt !== current.startedAt) return { file: path.join('history', f), results: r };
  }
  return undefined;
}

export function writeResults(reportsDir: string, results: RunResults, baselinePath?: string): RunResults {
  const baseline = findBaseline(reportsDir, results, baselinePath);
  results.diff = diffRuns(results, baseline?.results, baseline?.file);
  mkdirSync(path.join(reportsDir, 'history'), { recursive: true });
  const file = path.join(reportsDir, 'results.json');
  writeFileSync(file, JSON.stringify(results, null, 1));
  copyFileSync(file, path.join(reportsDir, 'history', `${results.startedAt.replace(/[:.]/g, '-')}.json`));
  return results;
}
