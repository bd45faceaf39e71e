/**
 * Sends an area's cases (bounded concurrency, order kept) and runs every check on each exchange.
 * The area reserves its whole cost from the run's budget first: it is sent whole or skipped whole.
 */
import type { RequestCase, Exchange } from '../http/exchange';
import { send } from '../http/client';
import { runChecks } from '../checks/registry';
import type { Failure } from '../checks/failure';
import type { SuiteContext } from './context';
import { mapPool } from './pool';

export interface CaseResult {
  exchange: Exchange;
  failures: Failure[];
}

export const plannedTokens = (cases: RequestCase[]) =>
  cases.reduce((sum, c) => sum + (typeof (c.body as { max_tokens?: unknown })?.max_tokens === 'number' ? Math.max(0, (c.body as { max_tokens: number }).max_tokens) : 0), 0);

/** Why the budget cannot pay for these cases, or undefined when it can. */
export function budgetShortfall(ctx: SuiteContext, cases: RequestCase[]): string | undefined {
  const tokens = plannedTokens(cases);
  if (ctx.budget.canCover(cases.length, tokens)) return undefined;
  const b = ctx.budget;
  return `budget spent: needs ${cases.length} requests / ${tokens} output tokens; used ${b.requests}/${b.maxRequests || '∞'} requests, ${b.outputTokens}/${b.maxOutputTokens || '∞'} tokens (CONTRACT_MAX_REQUESTS, CONTRACT_MAX_OUTPUT_TOKENS)`;
}

export async function runCases(ctx: SuiteContext, cases: RequestCase[]): Promise<CaseResult[]> {
  return mapPool(cases, ctx.config.concurrency, async (c) => {
    const exchange = await send(ctx.config, c, { budget: ctx.budget });
    return { exchange, failures: runChecks(ctx.checks, exchange) };
  });
}
