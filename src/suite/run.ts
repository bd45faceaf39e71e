/**
 * One run of the suite: the configuration (read once), the loaded contract, the request budget, the
 * breaker and the operations in scope, built once by whoever starts the run (the CLI, the
 * benchmark, a test) and handed to every area. Nothing of a run travels through globals or the
 * environment: areas take the Run and return data.
 */
import { readConfig, type RunConfig } from '../config';
import type { Check } from '../checks/failure';
import { loadContract, type Contract } from '../contract/spec';
import { Budget } from '../http/budget';
import { redactorFor, type Redactor } from '../http/redact';
import type { Route } from '../http/client';
import type { RequestCase } from '../http/exchange';
import type { CheckContext } from '../checks/failure';
import type { GenOptions } from '../generate/positive';
import { newBreaker, type Breaker } from './run-cases';

export interface Run {
  config: RunConfig;
  contract: Contract;
  budget: Budget;
  gen: GenOptions;
  checks: CheckContext;
  /** What the run remembers of requests with no answer in time / unavailable, across areas (run-cases.ts). */
  breaker: Breaker;
  /** The run's secrets (the key, credential headers, CONTRACT_SECRET_HEADERS) and how outputs hide them. */
  redactor: Redactor;
  /** Where a case goes: its operation's method and path. */
  route(c: RequestCase): Route;
}

/** Builds a run from a configuration (the contract loaded once per process unless one is given), with the user's own checks. */
export async function createRun(config: RunConfig, contract?: Contract, custom: readonly Check[] = []): Promise<Run> {
  const c = contract ?? (await loadContract());
  const model = config.model || String((c.requestExample('hello') as { model: string }).model);
  const cfg = { ...config, model };
  return {
    config: cfg,
    contract: c,
    budget: new Budget(cfg.maxRequests, cfg.maxOutputTokens),
    gen: { contract: c, model, version: cfg.anthropicVersion },
    checks: {
      contract: c,
      profile: cfg.profile,
      custom,
      maxTtftMs: cfg.maxTtftMs,
      requiredFeatures: cfg.requireFeatures,
    },
    breaker: newBreaker(),
    redactor: redactorFor(cfg),
    route: (rc) => c.operation(rc.operation),
  };
}

/** A run configured by variables (the tests). */
export const runFromEnv = (env: NodeJS.ProcessEnv) => createRun(readConfig(env));
