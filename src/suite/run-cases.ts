/**
 * Sends an area's cases (bounded concurrency, order kept) and runs every check on each exchange.
 * The area reserves its whole cost from the run's budget first: it is sent whole or skipped whole.
 */
import {
  isStreamCase,
  outputTokenCost,
  type RequestCase,
  type Exchange,
  type ReceivedResponse,
} from '../http/exchange';
import { slimView } from '../checks/view';
import { buildRequest, send } from '../http/client';
import { runOver } from '../http/deadline';
import { runChecks } from '../checks/registry';
import type { Failure } from '../checks/failure';
import type { Run } from './run';
import { mapPool } from './pool';

export interface CaseResult {
  exchange: Exchange;
  failures: Failure[];
}

const plannedTokens = (cases: RequestCase[]) => cases.reduce((sum, c) => sum + outputTokenCost(c), 0);

/** Why the budget cannot pay for these cases, or undefined when it can. */
export function budgetShortfall(ctx: Run, cases: RequestCase[]): string | undefined {
  const tokens = plannedTokens(cases);
  if (ctx.budget.canCover(cases.length, tokens)) return undefined;
  const b = ctx.budget;
  return `budget spent: needs ${cases.length} requests / ${tokens} output tokens; used ${b.requests}/${b.maxRequests || '∞'} requests, ${b.outputTokens}/${b.maxOutputTokens || '∞'} tokens (CONTRACT_MAX_REQUESTS, CONTRACT_MAX_OUTPUT_TOKENS)`;
}

/**
 * After this many requests in a row got no complete answer in time, or stayed unavailable through
 * their retries, the rest are not sent: a hung or down target must not cost requests × timeout.
 */
const BREAKER_LIMIT = 3;

/**
 * What the run remembers of a target that stops answering, across its areas. A kind of request
 * (an operation, streamed or not) that once got no complete answer in time is sent with a short
 * quiet limit from then on, and not at all after BREAKER_LIMIT such requests in a row: a target
 * whose every stream stalls gets its verdict in about one quiet limit, not one per area.
 */
export interface Breaker {
  /** Consecutive requests of any kind with no complete answer in time (a target that hangs whole). */
  silent: number;
  /** Consecutive requests that stayed unavailable through their retries. */
  unavailable: number;
  /** Per kind of request that ever stalled: stalls in a row, and the cases that stalled. */
  stalled: Map<string, { inRow: number; cases: string[] }>;
}

export const newBreaker = (): Breaker => ({ silent: 0, unavailable: 0, stalled: new Map() });

/**
 * The kind of a request, as the breaker remembers it: `messages stream`, `messages`, `count_tokens`, …
 * A stream request every conformant server rejects is answered with a JSON error: not a stream.
 */
export const requestKind = (c: RequestCase): string =>
  `${c.operation}${isStreamCase(c) && (c.meta?.expect?.status ?? 200) < 400 ? ' stream' : ''}`;

/** The quiet limit for a kind of request that already stalled once in this run: a tenth, at least 1 s. */
export const stalledQuietMs = (timeoutMs: number): number =>
  Math.min(timeoutMs, Math.max(1000, Math.round(timeoutMs / 10)));

const NO_ANSWER = new Set(['timeout', 'idle', 'deadline']);

export async function runCases(ctx: Run, cases: RequestCase[], timings?: Map<string, number>): Promise<CaseResult[]> {
  const b = ctx.breaker;
  return mapPool(cases, ctx.config.concurrency, async (c) => {
    const kind = requestKind(c);
    const stalled = b.stalled.get(kind);
    const exchange = runOver(ctx.config)
      ? notSent(ctx, c, { kind: 'run_limit', message: 'not sent: the run reached CONTRACT_RUN_TIMEOUT_MS' })
      : b.silent >= BREAKER_LIMIT
        ? notSent(ctx, c, {
            kind: 'timeout',
            message: `not sent: the target stopped answering (${BREAKER_LIMIT} requests in a row got no complete answer in time)`,
          })
        : stalled && stalled.inRow >= BREAKER_LIMIT
          ? notSent(ctx, c, {
              kind: 'timeout',
              message: `not sent: ${BREAKER_LIMIT} ${kind} requests in a row got no complete answer in time earlier in this run (${stalled.cases.slice(0, BREAKER_LIMIT).join(', ')})`,
            })
          : b.unavailable >= BREAKER_LIMIT
            ? {
                ...notSent(ctx, c, {
                  kind: 'budget',
                  message: `not sent: the target stayed unavailable (${BREAKER_LIMIT} requests in a row ran out of retries on 429 / 529 / overload)`,
                }),
                unavailable: true,
              }
            : await send(stalled ? { ...ctx.config, timeoutMs: stalledQuietMs(ctx.config.timeoutMs) } : ctx.config, c, {
                budget: ctx.budget,
                route: ctx.route(c),
              });
    if (!exchange.notSent) {
      const silent = exchange.transportError !== undefined && NO_ANSWER.has(exchange.transportError.kind);
      b.silent = silent ? b.silent + 1 : exchange.response ? 0 : b.silent;
      b.unavailable = exchange.unavailable ? b.unavailable + 1 : exchange.response ? 0 : b.unavailable;
      if (silent) {
        const s = b.stalled.get(kind) ?? b.stalled.set(kind, { inRow: 0, cases: [] }).get(kind)!;
        s.inRow += 1;
        s.cases.push(c.name);
      } else if (
        stalled &&
        exchange.response &&
        !exchange.transportError &&
        (exchange.response.events !== undefined) === kind.endsWith(' stream')
      )
        stalled.inRow = 0;
    }
    // A request the run's end cut short is not judged: the area reports it as not run.
    const failures =
      exchange.transportError?.kind === 'run_limit' ? [] : runChecks(ctx.checks, exchange, undefined, timings);
    return { exchange: compact(exchange, failures), failures };
  });
}

/** The area could not finish: the run's deadline cut some of its requests. */
export const cutByRunLimit = (results: CaseResult[]) =>
  results.filter((r) => r.exchange.transportError?.kind === 'run_limit').length;

function notSent(ctx: Run, c: RequestCase, transportError: Exchange['transportError']): Exchange {
  return {
    case: c,
    request: buildRequest(ctx.config, c, ctx.route(c)),
    transportError,
    retried: [],
    unavailable: false,
    notSent: true,
    durationMs: 0,
  };
}

/** What reports show of a body; the rest of a huge one is dropped once the checks have read it. */
const KEPT_TEXT = 64 * 1024;

/**
 * Keeps memory bounded whatever the server sends: an area holds all its exchanges until it ends,
 * and a hostile server can send a 10 MB body to every request. Checks have run by now; the derived
 * view (stream events, message) they cached stays for the pair checks.
 */
export function compact(ex: Exchange, failures: Failure[]): Exchange {
  const big = [ex.response, ...ex.retried].filter(
    (r): r is ReceivedResponse =>
      r !== undefined && (r.text.length > KEPT_TEXT || (r.sseTrailing?.length ?? 0) > KEPT_TEXT),
  );
  if (!big.length) return ex;
  // A slice of a string keeps the whole string alive in V8: the kept parts are copied.
  for (const f of failures) f.detail = copied(f.detail);
  for (const res of big) {
    if (res.sseTrailing && res.sseTrailing.length > KEPT_TEXT)
      res.sseTrailing = copied(`${res.sseTrailing.slice(0, KEPT_TEXT)}… [not kept]`);
    if (res.text.length > KEPT_TEXT)
      res.text = copied(`${res.text.slice(0, KEPT_TEXT)}… [${res.text.length - KEPT_TEXT} more characters not kept]`);
    if (res.events && res.events.length > 200) res.events = [...res.events.slice(0, 100), ...res.events.slice(-100)];
    res.json = undefined;
  }
  slimView(ex);
  return ex;
}

const copied = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
