/**
 * Sends an area's cases (bounded concurrency, order kept) and runs every check on each exchange.
 * The area reserves its whole cost from the run's budget first: it is sent whole or skipped whole.
 */
import { outputTokenCost, type RequestCase, type Exchange } from '../http/exchange';
import { buildRequest, send } from '../http/client';
import { runChecks } from '../checks/registry';
import type { Failure } from '../checks/failure';
import type { SuiteContext } from './context';
import { mapPool } from './pool';

export interface CaseResult {
  exchange: Exchange;
  failures: Failure[];
}

export const plannedTokens = (cases: RequestCase[]) => cases.reduce((sum, c) => sum + outputTokenCost(c), 0);

/** Why the budget cannot pay for these cases, or undefined when it can. */
export function budgetShortfall(ctx: SuiteContext, cases: RequestCase[]): string | undefined {
  const tokens = plannedTokens(cases);
  if (ctx.budget.canCover(cases.length, tokens)) return undefined;
  const b = ctx.budget;
  return `budget spent: needs ${cases.length} requests / ${tokens} output tokens; used ${b.requests}/${b.maxRequests || '∞'} requests, ${b.outputTokens}/${b.maxOutputTokens || '∞'} tokens (CONTRACT_MAX_REQUESTS, CONTRACT_MAX_OUTPUT_TOKENS)`;
}

/** After this many requests in a row got no response headers in time, the rest are not sent. */
export const SILENT_LIMIT = 3;

export async function runCases(ctx: SuiteContext, cases: RequestCase[], timings?: Map<string, number>): Promise<CaseResult[]> {
  return mapPool(cases, ctx.config.concurrency, async (c) => {
    const exchange = ctx.breaker.silent >= SILENT_LIMIT ? notSent(ctx, c) : await send(ctx.config, c, { budget: ctx.budget });
    // A server that never answers must not cost requests × timeout: count silent answers in a row.
    ctx.breaker.silent = exchange.transportError?.kind === 'timeout' ? ctx.breaker.silent + 1 : exchange.response ? 0 : ctx.breaker.silent;
    return { exchange, failures: runChecks(ctx.checks, exchange, undefined, timings) };
  });
}

function notSent(ctx: SuiteContext, c: RequestCase): Exchange {
  return {
    case: c,
    request: buildRequest(ctx.config, c),
    transportError: { kind: 'timeout', message: `not sent: the target stopped answering (${SILENT_LIMIT} requests in a row got no response within ${ctx.config.timeoutMs} ms)` },
    retried: [],
    unavailable: false,
    durationMs: 0,
  };
}
