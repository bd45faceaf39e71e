/**
 * How long one request may take. A real target answers at a model's pace (a local model server:
 * 5–50 tokens/s, also on 127.0.0.1), so the whole-request limit grows with what the case asks for:
 * CONTRACT_TIMEOUT_MS plus the output tokens it may cost at CONTRACT_MIN_TOKENS_PER_SECOND. The
 * run's deadline caps every request, so nothing outlives CONTRACT_RUN_TIMEOUT_MS.
 */
import type { RunConfig } from '../config';
import { outputTokenCost, type RequestCase } from './exchange';

export type Limits = Pick<RunConfig, 'timeoutMs' | 'minTokensPerSecond' | 'runDeadline'>;

export interface RequestClock {
  /** The longest wait with nothing arriving (stream headers, any gap in a body). */
  quietMs: number;
  /** Epoch ms by which the whole attempt must be over. */
  deadline: number;
  /** The deadline is the run's, not the request's own. */
  byRun: boolean;
  /** The request's own whole limit in ms, for messages. */
  wholeMs: number;
}

/** The whole-request limit of a case, in ms. */
const wholeRequestMs = (limits: Limits, c: RequestCase): number =>
  limits.timeoutMs + Math.ceil((outputTokenCost(c) * 1000) / limits.minTokensPerSecond);

export function requestClock(limits: Limits, c: RequestCase, now = Date.now()): RequestClock {
  const wholeMs = wholeRequestMs(limits, c);
  const own = now + wholeMs;
  return {
    quietMs: limits.timeoutMs,
    deadline: Math.min(own, limits.runDeadline),
    byRun: limits.runDeadline < own,
    wholeMs,
  };
}

/** The run's deadline has passed (nothing more may be sent). */
export const runOver = (limits: Pick<Limits, 'runDeadline'>, now = Date.now()) => now >= limits.runDeadline;
