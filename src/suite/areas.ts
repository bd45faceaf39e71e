/**
 * The contract areas a run covers. Each is a set of requests plus the checks reported for it; one
 * jest file per area (tests/contract/) turns an area's outcome into one test per check. Fixture
 * tests call evaluateArea directly.
 */
import type { Profile } from '../config';
import type { RequestCase } from '../http/exchange';
import type { Failure } from '../checks/failure';
import { toFailure } from '../checks/failure';
import { CHECKS, applies } from '../checks/registry';
import { streamJsonSameShape } from '../checks/stream-json-shape';
import type { SuiteContext } from './context';
import { budgetShortfall, runCases, type CaseResult } from './run-cases';
import { authCases, exampleCases, invalidCases, semanticCases, SHAPE_PAIRS, validCases } from './cases';

export interface AreaDef {
  id: string;
  title: string;
  profiles: Profile[];
  cases(ctx: SuiteContext): RequestCase[];
}

export const AREAS: AreaDef[] = [
  { id: 'examples', title: 'Spec examples', profiles: ['full', 'schema'], cases: exampleCases },
  { id: 'valid-requests', title: 'Valid requests (generated and edge cases)', profiles: ['full', 'schema'], cases: validCases },
  { id: 'invalid-requests', title: 'Invalid requests are rejected', profiles: ['full'], cases: invalidCases },
  { id: 'auth-version', title: 'Authentication and versions', profiles: ['full'], cases: authCases },
  { id: 'semantics', title: 'Behaviour a schema cannot state (JSON and streams)', profiles: ['full'], cases: semanticCases },
];

/** Every check id a run reports, in order (the registry's plus the pair check). */
export const CHECK_IDS = [...CHECKS.map((c) => c.id), streamJsonSameShape.id];
export const CHECK_META = Object.fromEntries([...CHECKS, streamJsonSameShape].map((c) => [c.id, { title: c.title, source: c.source, profiles: [...c.profiles] }]));

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckOutcome {
  id: string;
  status: CheckStatus;
  /** Why it was skipped. */
  reason?: string;
  /** Exchanges the check ran on. */
  ran: number;
  failures: Failure[];
  warnings: Failure[];
}

export interface AreaOutcome {
  area: AreaDef;
  skipped?: string;
  results: CaseResult[];
  checks: CheckOutcome[];
  durationMs: number;
}

export async function evaluateArea(ctx: SuiteContext, area: AreaDef): Promise<AreaOutcome> {
  const started = Date.now();
  const profile = ctx.config.profile;
  const skipAll = (reason: string): AreaOutcome => ({ area, skipped: reason, results: [], checks: CHECK_IDS.map((id) => ({ id, status: 'skipped', reason, ran: 0, failures: [], warnings: [] })), durationMs: Date.now() - started });
  if (!area.profiles.includes(profile)) return skipAll(`area not in the ${profile} profile`);
  const cases = area.cases(ctx);
  const shortfall = budgetShortfall(ctx, cases);
  if (shortfall) return skipAll(shortfall);
  const results = await runCases(ctx, cases);

  const pairFailures: Failure[] = [];
  let pairsRan = 0;
  for (const [a, b] of SHAPE_PAIRS) {
    const ra = results.find((r) => r.exchange.case.name === a);
    const rb = results.find((r) => r.exchange.case.name === b);
    if (!ra || !rb) continue;
    pairsRan += 1;
    for (const f of streamJsonSameShape.run(ctx.checks, ra.exchange, rb.exchange)) pairFailures.push(toFailure(streamJsonSameShape, { ...f, detail: `${f.detail}\n(JSON: ${a}; stream: ${b})` }, rb.exchange));
  }

  const checks: CheckOutcome[] = CHECKS.map((check) => {
    if (!check.profiles.includes(profile)) return { id: check.id, status: 'skipped', reason: `not in the ${profile} profile`, ran: 0, failures: [], warnings: [] };
    const ran = results.filter((r) => applies(ctx.checks, check, r.exchange)).length;
    const all = results.flatMap((r) => r.failures.filter((f) => f.checkId === check.id));
    return outcome(check.id, ran, all);
  });
  const pairApplies = streamJsonSameShape.profiles.includes(profile as 'full');
  checks.push(pairApplies ? outcome(streamJsonSameShape.id, pairsRan, pairFailures) : { id: streamJsonSameShape.id, status: 'skipped', reason: `not in the ${profile} profile`, ran: 0, failures: [], warnings: [] });
  return { area, results, checks, durationMs: Date.now() - started };
}

function outcome(id: string, ran: number, all: Failure[]): CheckOutcome {
  const failures = all.filter((f) => f.severity === 'error');
  const warnings = all.filter((f) => f.severity === 'warning');
  if (failures.length) return { id, status: 'failed', ran, failures, warnings };
  if (ran === 0) return { id, status: 'skipped', reason: 'no exchange in this area it applies to', ran, failures, warnings };
  return { id, status: 'passed', ran, failures, warnings };
}
