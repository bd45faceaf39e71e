/**
 * Runs the suite against a server through the engine (runConformance, the loop production uses),
 * keeping the areas' live outcomes for assertions. One contract per test file's module registry.
 */
import { runConformance } from '../../src/engine/run-conformance';
import { optionsFromEnv } from '../../src/config';
import { loadContract } from '../../src/contract/spec';
import type { AreaOutcome } from '../../src/suite/areas';
import type { Failure } from '../../src/checks/failure';
import type { RunResults } from '../../src/report/results';
import { redactorFor, type Redactor } from '../../src/http/redact';
import { resolveConfig } from '../../src/config';

export interface SuiteRun {
  outcomes: AreaOutcome[];
  results: RunResults;
  /** Ids of checks with a non-conformance failure (unavailability apart). */
  failing: Set<string>;
  unavailable: Set<string>;
  failures: Failure[];
  requests: number;
  /** The run's secrets, for formatting its findings as the CLI would. */
  redactor: Redactor;
}

/** `env`: the run's settings as variables (CONTRACT_RUNS, …); `areas`: only these areas. */
export async function runSuite(
  baseUrl: string,
  apiKey: string,
  env: Record<string, string> = {},
  areas?: string[],
): Promise<SuiteRun> {
  const outcomes: AreaOutcome[] = [];
  const options = optionsFromEnv({ CONTRACT_RUNS: '12', CONTRACT_RETRIES: '2', ...env });
  const results = await runConformance({
    ...options,
    baseURL: baseUrl,
    apiKey,
    areas: areas ?? options.areas,
    contract: await loadContract(),
    onOutcome: (o) => outcomes.push(o),
  });
  const failures = outcomes.flatMap((o) => o.checks.flatMap((c) => c.failures));
  return {
    outcomes,
    results,
    failures,
    failing: new Set(failures.filter((f) => f.category === 'nonconformance').map((f) => f.checkId)),
    unavailable: new Set(failures.filter((f) => f.category === 'unavailable').map((f) => f.checkId)),
    requests: results.totals.requests,
    redactor: redactorFor(resolveConfig({ ...options, baseURL: baseUrl, apiKey })),
  };
}
