/** Runs the whole contract suite programmatically against a server, as `npm run contract` would. */
import { evaluateAll, type AreaOutcome } from '../../src/suite/areas';
import { runFromEnv } from '../../src/suite/run';
import type { Failure } from '../../src/checks/failure';
import type { Redactor } from '../../src/http/redact';

export interface SuiteRun {
  outcomes: AreaOutcome[];
  /** Ids of checks with a non-conformance failure (unavailability apart). */
  failing: Set<string>;
  unavailable: Set<string>;
  failures: Failure[];
  requests: number;
  /** The run's secrets, for formatting its findings as the CLI would. */
  redactor: Redactor;
}

export async function runSuite(baseUrl: string, apiKey: string, env: Record<string, string> = {}): Promise<SuiteRun> {
  const ctx = await runFromEnv({ ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_API_KEY: apiKey, CONTRACT_RUNS: '12', CONTRACT_RETRIES: '2', ...env });
  const outcomes = await evaluateAll(ctx);
  const failures = outcomes.flatMap((o) => o.checks.flatMap((c) => c.failures));
  return {
    outcomes,
    failures,
    failing: new Set(failures.filter((f) => f.category === 'nonconformance').map((f) => f.checkId)),
    unavailable: new Set(failures.filter((f) => f.category === 'unavailable').map((f) => f.checkId)),
    requests: ctx.budget.requests,
    redactor: ctx.redactor,
  };
}
