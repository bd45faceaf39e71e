/**
 * The contract areas a run covers. Each is a set of requests plus the checks reported for it; one
 * jest file per area (tests/contract/) turns an area's outcome into one test per check. Fixture
 * tests call evaluateArea directly.
 */
import type { Profile } from '../config';
import type { RequestCase } from '../http/exchange';
import type { CheckContext, Failure } from '../checks/failure';
import { toFailure } from '../checks/failure';
import { CHECKS, applies } from '../checks/registry';
import { streamJsonSameShape } from '../checks/stream-json-shape';
import { requestIdUnique } from '../checks/request-id-unique';
import type { SuiteContext } from './context';
import { budgetShortfall, cutByRunLimit, runCases, type CaseResult } from './run-cases';
import { runOver } from '../http/deadline';
import { tokenUsage, type TokenUsage } from './usage';
import { shrinkGenerated } from './shrink';
import { authCases, exampleCases, invalidCases, semanticCases, SHAPE_PAIRS, validCases } from './cases';

export interface AreaDef {
  id: string;
  title: string;
  profiles: Profile[];
  /** The checks this area reports one test each for: those a conformant server's answers exercise here. */
  checks: string[];
  cases(ctx: SuiteContext): RequestCase[];
}

const COMMON = ['transport_complete', 'status_code_documented', 'content_type_conformance', 'request_id_header', 'response_headers_conformance', 'request_id_unique', 'valid_utf8', 'information_exposure'];
const STREAM = ['sse_framing', 'stream_event_schema', 'stream_grammar', 'stream_message_valid'];
const SEMANTIC = ['max_tokens_honoured', 'stop_sequence_honoured', 'tool_choice_honoured', 'thinking_honoured', 'usage_accounts_for_content', 'stop_reason_known', 'new_values_named'];
/** Failures of checks an area does not list (e.g. an error envelope where only 200s were due) are reported under this id. */
export const OTHER_CHECKS = 'other_checks';

export const AREAS: AreaDef[] = [
  {
    id: 'examples',
    title: 'Spec examples',
    profiles: ['full', 'schema'],
    checks: [...COMMON, 'response_schema_conformance', 'error_envelope', ...STREAM, 'positive_data_acceptance', 'negative_data_rejection', 'error_message_names_field', ...SEMANTIC],
    cases: exampleCases,
  },
  {
    id: 'valid-requests',
    title: 'Valid requests (generated and edge cases)',
    profiles: ['full', 'schema'],
    checks: [...COMMON, 'response_schema_conformance', ...STREAM, 'positive_data_acceptance', ...SEMANTIC],
    cases: validCases,
  },
  { id: 'invalid-requests', title: 'Invalid requests are rejected', profiles: ['full'], checks: [...COMMON, 'error_envelope', 'negative_data_rejection', 'error_message_names_field'], cases: invalidCases },
  {
    id: 'auth-version',
    title: 'Authentication, versions and models',
    profiles: ['full'],
    checks: [...COMMON, 'response_schema_conformance', 'error_envelope', 'auth_and_version', 'error_message_names_field', 'max_tokens_honoured', 'usage_accounts_for_content', 'stop_reason_known', 'new_values_named'],
    cases: authCases,
  },
  {
    id: 'semantics',
    title: 'Behaviour a schema cannot state (JSON and streams)',
    profiles: ['full'],
    checks: [...COMMON, 'response_schema_conformance', ...STREAM, 'positive_data_acceptance', ...SEMANTIC, 'stream_json_same_shape'],
    cases: semanticCases,
  },
];

/** Every check id a run reports, in order (the registry's plus the cross-exchange checks). */
export const CHECK_IDS = [...CHECKS.map((c) => c.id), streamJsonSameShape.id, requestIdUnique.id];
export const CHECK_META: Record<string, { title: string; source: string; profiles: Profile[] }> = {
  ...Object.fromEntries([...CHECKS, streamJsonSameShape, requestIdUnique].map((c) => [c.id, { title: c.title, source: c.source, profiles: [...c.profiles] }])),
  [OTHER_CHECKS]: { title: 'Other checks failed on these responses', source: 'see each failure', profiles: ['full', 'schema'] },
};

/** The tests an area reports: its own checks, then the catch-all. */
export const areaCheckIds = (area: AreaDef) => [...area.checks, OTHER_CHECKS];

/**
 * failed: the check broke (non-conformance, or the target unavailable: see the failures' category).
 * not_run: the run's time limit ended the area before the check could judge it (never a pass).
 * skipped: the check does not apply (profile, budget, nothing to judge).
 */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'not_run';

export interface CheckOutcome {
  id: string;
  status: CheckStatus;
  /** Why it was skipped. */
  reason?: string;
  /** Exchanges the check ran on. */
  ran: number;
  failures: Failure[];
  warnings: Failure[];
  /** Milliseconds the check itself spent on this area's exchanges. */
  durationMs?: number;
}

export interface AreaOutcome {
  area: AreaDef;
  skipped?: string;
  /** Why the area did not finish (the run's time limit). */
  notRun?: string;
  /** Tokens the target reported using for this area's answers (what a live run cost). */
  usage?: TokenUsage;
  results: CaseResult[];
  checks: CheckOutcome[];
  durationMs: number;
}

export async function evaluateArea(ctx: SuiteContext, area: AreaDef): Promise<AreaOutcome> {
  const started = Date.now();
  const profile = ctx.config.profile;
  const skipAll = (reason: string): AreaOutcome => ({ area, skipped: reason, results: [], checks: areaCheckIds(area).map((id) => ({ id, status: 'skipped', reason, ran: 0, failures: [], warnings: [] })), durationMs: Date.now() - started });
  if (!area.profiles.includes(profile)) return skipAll(`area not in the ${profile} profile`);
  // A static-example mock answers every request with its example: only valid requests are sent to it.
  const cases = area.cases(ctx).filter((c) => profile === 'full' || c.meta?.expect?.status === 200);
  const shortfall = budgetShortfall(ctx, cases);
  if (shortfall) return skipAll(shortfall);
  const limit = `the run reached CONTRACT_RUN_TIMEOUT_MS`;
  if (runOver(ctx.config)) return notRunAll(`not run: ${limit} before this area started`);
  const timings = new Map<string, number>();
  const results = await runCases(ctx, cases, timings);
  const cut = cutByRunLimit(results);
  // A shrunk counterexample goes first, so that it is the one a failure message shows.
  if (!cut) for (const f of (await shrinkGenerated(ctx, results)).reverse()) results.unshift({ exchange: f.exchange!, failures: [f] });

  let checks = checkOutcomes(ctx.checks, area.checks, results).map((c) => ({ ...c, durationMs: +(timings.get(c.id) ?? 0).toFixed(2) }));
  const usage = tokenUsage(results.map((r) => r.exchange));
  if (!cut) return { area, results, checks, usage, durationMs: Date.now() - started };
  // What failed on answers that did arrive stays failed; nothing else may pass on a partial area.
  const notRun = `not finished: ${limit} (${cut} of ${cases.length} requests cut or never sent)`;
  checks = checks.map((c) => (c.status === 'failed' || c.status === 'skipped' ? c : { ...c, status: 'not_run' as const, reason: notRun }));
  return { area, notRun, results, checks, usage, durationMs: Date.now() - started };

  function notRunAll(reason: string): AreaOutcome {
    return { area, notRun: reason, results: [], checks: areaCheckIds(area).map((id) => ({ id, status: 'not_run', reason, ran: 0, failures: [], warnings: [] })), durationMs: Date.now() - started };
  }
}

/** Every area in order, as one run (programmatic runs: fixture tests, the benchmark). */
export async function evaluateAll(ctx: SuiteContext): Promise<AreaOutcome[]> {
  const outcomes: AreaOutcome[] = [];
  for (const area of AREAS) outcomes.push(await evaluateArea(ctx, area));
  return outcomes;
}

/** Per-check outcomes of a set of results: the listed checks, then the catch-all for the others. */
export function checkOutcomes(ctx: CheckContext, listedIds: string[], results: CaseResult[]): CheckOutcome[] {
  const profile = ctx.profile;
  const pairFailures: Failure[] = [];
  let pairsRan = 0;
  for (const [a, b] of SHAPE_PAIRS) {
    const ra = results.find((r) => r.exchange.case.name === a);
    const rb = results.find((r) => r.exchange.case.name === b);
    if (!ra || !rb) continue;
    pairsRan += 1;
    for (const f of streamJsonSameShape.run(ctx, ra.exchange, rb.exchange)) pairFailures.push(toFailure(streamJsonSameShape, { ...f, detail: `${f.detail}\n(JSON: ${a}; stream: ${b})` }, rb.exchange));
  }
  const notInProfile = (id: string): CheckOutcome => ({ id, status: 'skipped', reason: `not in the ${profile} profile`, ran: 0, failures: [], warnings: [] });
  const all: CheckOutcome[] = CHECKS.map((check) => {
    if (!check.profiles.includes(profile)) return notInProfile(check.id);
    const ran = results.filter((r) => applies(ctx, check, r.exchange)).length;
    return outcome(check.id, ran, results.flatMap((r) => r.failures.filter((f) => f.checkId === check.id)));
  });
  all.push(streamJsonSameShape.profiles.includes(profile as 'full') ? outcome(streamJsonSameShape.id, pairsRan, pairFailures) : notInProfile(streamJsonSameShape.id));
  // request-ids are compared across the area's answers (nothing to compare with fewer than two).
  const withIds = results.map((r) => r.exchange).filter(requestIdUnique.applies);
  const idFailures = requestIdUnique.profiles.includes(profile as 'full') ? requestIdUnique.run(ctx, withIds).map((d) => toFailure(requestIdUnique, d.finding, d.exchange)) : [];
  all.push(requestIdUnique.profiles.includes(profile as 'full') ? outcome(requestIdUnique.id, withIds.length > 1 ? withIds.length : 0, idFailures) : notInProfile(requestIdUnique.id));
  const listed = all.filter((c) => listedIds.includes(c.id));
  const others = all.filter((c) => !listedIds.includes(c.id));
  return [...listed, outcome(OTHER_CHECKS, results.length, others.flatMap((c) => [...c.failures, ...c.warnings]))];
}

function outcome(id: string, ran: number, all: Failure[]): CheckOutcome {
  const failures = all.filter((f) => f.severity === 'error');
  const warnings = all.filter((f) => f.severity === 'warning');
  if (failures.length) return { id, status: 'failed', ran, failures, warnings };
  if (ran === 0) return { id, status: 'skipped', reason: 'no exchange in this area it applies to', ran, failures, warnings };
  return { id, status: 'passed', ran, failures, warnings };
}
