/** Everything a contract test file needs, built once per file from the environment and the shared state. */
import { readConfig, type RunConfig } from '../config';
import type { Contract } from '../contract/spec';
import { Budget } from '../http/budget';
import { registerRunSecrets } from '../http/redact';
import type { CheckContext } from '../checks/failure';
import type { GenOptions } from '../generate/positive';
import { shared } from './shared';
import type { Breaker } from './run-cases';

export interface SuiteContext {
  config: RunConfig;
  contract: Contract;
  budget: Budget;
  gen: GenOptions;
  checks: CheckContext;
  /** Consecutive requests with no answer in time / unavailable (run-cases.ts stops sending after a few). */
  breaker: Breaker;
}

/**
 * `fresh` gives the context its own budget instead of the run's shared one (programmatic runs, such
 * as the fixture tests, that each stand for a whole run).
 */
export async function suiteContext(env: NodeJS.ProcessEnv = process.env, options: { fresh?: boolean } = {}): Promise<SuiteContext> {
  const config = readConfig(env);
  registerRunSecrets(config, env);
  const s = shared();
  const contract = await s.contract;
  config.model ||= String((contract.requestExample('hello') as { model: string }).model);
  const budget = options.fresh ? new Budget(config.maxRequests, config.maxOutputTokens) : (s.budget ??= new Budget(config.maxRequests, config.maxOutputTokens));
  return {
    config,
    contract,
    budget,
    gen: { contract, model: config.model, version: config.anthropicVersion },
    checks: { contract, profile: config.profile },
    breaker: options.fresh ? { silent: 0, unavailable: 0 } : (s.breaker ??= { silent: 0, unavailable: 0 }),
  };
}
