/**
 * Shrinks a failing generated body to a smallest one that still breaks the same rule (fast-check's
 * shrinking, replayed from the run's seed: fc.sample and fc.check draw the same values). Each try is
 * a request, so it runs against local targets only and within a time limit.
 */
import fc from 'fast-check';
import type { Failure } from '../checks/failure';
import { runChecks } from '../checks/registry';
import { send } from '../http/client';
import { validBody } from '../generate/positive';
import type { Run } from './run';
import type { CaseResult } from './run-cases';

const SHRINK_TIME_MS = 10_000;
const MAX_KEYS = 3;

export async function shrinkGenerated(ctx: Run, results: CaseResult[]): Promise<Failure[]> {
  if (!ctx.config.local) return [];
  const firsts = new Map<string, CaseResult>();
  for (const r of results) {
    // Only answers can be shrunk against: a target that does not answer is not made smaller by smaller bodies.
    // Only Messages bodies are drawn from validBody: a count_tokens case is not shrunk with them.
    if (
      r.exchange.case.operation !== 'messages' ||
      r.exchange.case.meta?.mode !== 'positive' ||
      r.exchange.case.meta.seed === undefined ||
      r.exchange.transportError
    )
      continue;
    for (const f of r.failures)
      if (f.severity === 'error' && f.category === 'nonconformance' && !firsts.has(f.key)) firsts.set(f.key, r);
  }
  const shrunk: Failure[] = [];
  for (const [key, original] of [...firsts].slice(0, MAX_KEYS)) {
    let last: Failure | undefined;
    const details = await fc.check(
      fc.asyncProperty(validBody(ctx.gen), async (body) => {
        // Shrinking spends requests: it stops, keeping what it found, when the budget is spent.
        if (!ctx.budget.canCover(1, Number(body.max_tokens))) return true;
        const c = {
          name: `${original.exchange.case.name}/shrunk`,
          operation: original.exchange.case.operation,
          body,
          meta: {
            ...original.exchange.case.meta!,
            description: `smallest body found that breaks the same rule as ${original.exchange.case.name}`,
          },
        };
        const hit = runChecks(ctx.checks, await send(ctx.config, c, { budget: ctx.budget, route: ctx.route(c) })).find(
          (f) => f.key === key,
        );
        if (hit) last = hit;
        return !hit;
      }),
      {
        seed: ctx.config.seed,
        numRuns: ctx.config.runs,
        interruptAfterTimeLimit: SHRINK_TIME_MS,
        markInterruptAsFailure: false,
      },
    );
    if (!details.failed || !last) continue;
    // `last` is the failure of the final (smallest) counterexample fast-check tried and kept.
    const meta = last.exchange!.case.meta!;
    meta.fcPath = details.counterexamplePath ?? undefined;
    meta.seed = details.seed;
    shrunk.push({
      ...last,
      detail: `${last.detail}\n(shrunk after ${details.numShrinks} steps; first seen in ${original.exchange.case.name})`,
    });
  }
  return shrunk;
}
