/**
 * What all test files of one contract run share: the contract (loaded once) and the request budget.
 * The contract jest environment (src/runner/environment.ts) puts them on each test file's global;
 * outside jest (check:recorded, bench) the first caller creates them.
 */
import { loadContract, type Contract } from '../contract/spec';
import { Budget } from '../http/budget';

export interface Shared {
  contract: Promise<Contract>;
  budget?: Budget;
  breaker?: { silent: number; unavailable: number };
}

export const SHARED_GLOBAL = '__anthropicContractShared__';

export function shared(): Shared {
  const g = globalThis as unknown as Record<string, Shared | undefined>;
  return (g[SHARED_GLOBAL] ??= { contract: loadContract() });
}
