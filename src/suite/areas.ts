/**
 * The contract areas a run covers. Each is a set of requests plus the checks reported for it; one
 * jest file per area (tests/contract/) turns an area's outcome into one test per check. Fixture
 * tests call evaluateArea directly.
 */
import type { Profile } from '../config';
import type { RequestCase } from '../http/exchange';
import type { Check, CheckContext, Failure } from '../checks/failure';
import { toFailure } from '../checks/failure';
import { CHECKS, SET_CHECKS, applies, type CheckId } from '../checks/registry';
import { groupOf, type OperationGroup } from '../contract/operations';
import { probeMissing } from '../checks/operation-implemented';
import type { Run } from './run';
import { budgetShortfall, cutByRunLimit, runCases, type CaseResult } from './run-cases';
import { runOver } from '../http/deadline';
import { tokenUsage, type TokenUsage } from './usage';
import { shrinkGenerated } from './shrink';
import { authCases, exampleCases, invalidCases, semanticCases, validCases } from './cases';
import { COUNT_TOKENS_AREA } from './count-tokens-cases';
import { MODELS_AREA } from './models-cases';
import { FEATURES_AREA } from './feature-cases';
import { CONVERSATIONS_AREA } from './conversation-cases';
import { COMMON_CHECKS } from './common';
import type { FeatureId } from '../features/ids';

export interface AreaDef {
  id: string;
  title: string;
  profiles: Profile[];
  /** The operations the area calls, by the name CONTRACT_OPERATIONS selects them with. */
  group: OperationGroup;
  /** The checks this area reports one test each for: those a conformant server's answers exercise here. */
  checks: CheckId[];
  cases(run: Run): RequestCase[];
  /**
   * One valid request sent first and alone: a 404 to it means the target does not implement the
   * operation, reported once (operation_implemented) instead of as a failure of every request.
   */
  probe?(run: Run): RequestCase;
  /** Requests that depend on earlier answers (a pagination walk): asked again until it returns none. */
  next?(run: Run, results: CaseResult[]): RequestCase[];
}

const COMMON = COMMON_CHECKS;
const STREAM: CheckId[] = [
  'sse_framing',
  'stream_event_schema',
  'stream_grammar',
  'stream_message_valid',
  'stream_not_buffered',
  'stream_first_token_time',
];
const SEMANTIC: CheckId[] = [
  'max_tokens_honoured',
  'stop_sequence_honoured',
  'tool_choice_honoured',
  'thinking_honoured',
  'usage_accounts_for_content',
  'input_tokens_nonzero',
  'stop_reason_known',
  'new_values_named',
];
/** Failures of checks an area does not list (e.g. an error envelope where only 200s were due) are reported under this id. */
export const OTHER_CHECKS = 'other_checks';

export const AREAS: AreaDef[] = [
  {
    id: 'examples',
    title: 'Spec examples',
    profiles: ['full', 'schema'],
    group: 'messages',
    checks: [
      ...COMMON,
      'response_schema_conformance',
      'error_envelope',
      ...STREAM,
      'positive_data_acceptance',
      'negative_data_rejection',
      'error_message_names_field',
      ...SEMANTIC,
    ],
    cases: exampleCases,
  },
  {
    id: 'valid-requests',
    title: 'Valid requests (generated and edge cases)',
    profiles: ['full', 'schema'],
    group: 'messages',
    checks: [...COMMON, 'response_schema_conformance', ...STREAM, 'positive_data_acceptance', ...SEMANTIC],
    cases: validCases,
  },
  {
    id: 'invalid-requests',
    title: 'Invalid requests are rejected',
    profiles: ['full'],
    group: 'messages',
    checks: [...COMMON, 'error_envelope', 'negative_data_rejection', 'error_message_names_field'],
    cases: invalidCases,
  },
  {
    id: 'auth-version',
    title: 'Authentication, versions and models',
    profiles: ['full'],
    group: 'messages',
    checks: [
      ...COMMON,
      'response_schema_conformance',
      'error_envelope',
      'auth_and_version',
      'error_message_names_field',
      'max_tokens_honoured',
      'usage_accounts_for_content',
      'stop_reason_known',
      'new_values_named',
    ],
    cases: authCases,
  },
  {
    id: 'semantics',
    title: 'Behaviour a schema cannot state (JSON and streams)',
    profiles: ['full'],
    group: 'messages',
    checks: [
      ...COMMON,
      'response_schema_conformance',
      ...STREAM,
      'positive_data_acceptance',
      ...SEMANTIC,
      'stream_json_same_shape',
      'tool_input_streamed',
    ],
    cases: semanticCases,
  },
  FEATURES_AREA,
  CONVERSATIONS_AREA,
  tagged(COUNT_TOKENS_AREA, 'count_tokens', 'count_tokens'),
  tagged(MODELS_AREA, 'models', 'models'),
];

/** The area with the feature named on every case that calls its operation group (count_tokens, models). */
function tagged(area: AreaDef, group: OperationGroup, feature: FeatureId): AreaDef {
  const tag = (cases: RequestCase[]) =>
    cases.map((c) =>
      groupOf(c.operation) === group
        ? {
            ...c,
            meta: {
              mode: 'positive' as const,
              ...c.meta,
              features: [...new Set([...(c.meta?.features ?? []), feature])],
            },
          }
        : c,
    );
  return {
    ...area,
    cases: (ctx) => tag(area.cases(ctx)),
    ...(area.probe ? { probe: (ctx: Run) => tag([area.probe!(ctx)])[0]! } : {}),
    ...(area.next ? { next: (ctx: Run, results: CaseResult[]) => tag(area.next!(ctx, results)) } : {}),
  };
}

const ALL_CHECKS = [...CHECKS, ...SET_CHECKS];
/** Every check id a run reports, in order (per-exchange checks, then those across exchanges). */
export const CHECK_IDS: CheckId[] = ALL_CHECKS.map((c) => c.id);
export const CHECK_META: Record<string, { title: string; source: string; profiles: Profile[] }> = {
  ...Object.fromEntries(ALL_CHECKS.map((c) => [c.id, { title: c.title, source: c.source, profiles: [...c.profiles] }])),
  [OTHER_CHECKS]: {
    title: 'Other checks failed on these responses',
    source: 'see each failure',
    profiles: ['full', 'schema'],
  },
};

/** The tests an area reports: its own checks, the user's that judge its operations, then the catch-all. */
export const areaCheckIds = (
  area: Pick<AreaDef, 'checks' | 'probe' | 'group'>,
  custom: readonly Check[] = [],
): string[] => [
  ...(area.probe ? ['operation_implemented'] : []),
  ...area.checks,
  ...custom.filter((c) => c.operations.some((op) => groupOf(op) === area.group)).map((c) => c.id),
  OTHER_CHECKS,
];

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
  /** Title and rule source of a user's check (ours are in CHECK_META). */
  meta?: { title: string; source: string };
}

/** A case naming features the area did not send, and why (feature selection, a skipped area, a step its conversation never reached). */
export interface UnsentCase {
  name: string;
  features: FeatureId[];
  verdict: 'not_tested' | 'not_applicable';
  reason: string;
}

export interface AreaOutcome {
  area: AreaDef;
  skipped?: string;
  /** Why the area did not finish (the run's time limit). */
  notRun?: string;
  /** The operation answered 404 to a valid request (`POST /v1/messages/count_tokens`): not implemented. */
  notImplemented?: string;
  /** Tokens the target reported using for this area's answers (what a live run cost). */
  usage?: TokenUsage;
  /** Cases that name features and were not sent, and why (their features' verdicts say not tested / not applicable). */
  unsent?: UnsentCase[];
  results: CaseResult[];
  checks: CheckOutcome[];
  durationMs: number;
}

/** Stages of a walk that follows earlier answers (models pages), at most: a target that always says has_more must not loop forever. */
export const MAX_STAGES = 50;

export async function evaluateArea(ctx: Run, area: AreaDef): Promise<AreaOutcome> {
  const started = Date.now();
  const { profile, operations } = ctx.config;
  const listed = areaCheckIds(area, ctx.checks.custom);
  const allAs = (status: 'skipped', reason: string, keep: CheckOutcome[] = []): CheckOutcome[] =>
    listed.map((id) => keep.find((c) => c.id === id) ?? { id, status, reason, ran: 0, failures: [], warnings: [] });
  const unsent: UnsentCase[] = [];
  const skipAll = (reason: string, planned = plannedCases(ctx, area)): AreaOutcome => ({
    area,
    skipped: reason,
    results: [],
    checks: allAs('skipped', reason),
    unsent: [...unsent, ...planned.flatMap((c) => unsentCase(c, reason))],
    durationMs: Date.now() - started,
  });
  if (!area.profiles.includes(profile)) return skipAll(`area not in the ${profile} profile`);
  if (!operations.groups.includes(area.group))
    return skipAll(`${area.group} is not in CONTRACT_OPERATIONS (${operations.groups.join(', ')})`);
  // A static-example mock answers every request with its example: only valid requests are sent to it.
  // An area's requests to operations out of scope (a models area's messages) are not sent either,
  // nor those whose features CONTRACT_FEATURES leaves out, nor conversation steps the target's
  // earlier answers made not applicable (each noted for its features' verdicts).
  const keep = (cases: RequestCase[]) =>
    cases.filter((c) => {
      const notApplicable = c.meta?.notApplicable;
      const notSelected = featureSelected(ctx, c)
        ? undefined
        : `not selected (CONTRACT_FEATURES=${ctx.config.features.ids.join(',')})`;
      if (notApplicable !== undefined || notSelected !== undefined) {
        // A later stage may hand the same step back: it is noted once.
        if (!unsent.some((u) => u.name === c.name))
          unsent.push(
            ...unsentCase(
              c,
              notApplicable ?? notSelected!,
              notApplicable !== undefined ? 'not_applicable' : 'not_tested',
            ),
          );
        return false;
      }
      if (profile !== 'full' && c.meta?.expect?.status !== 200) return false;
      if (operations.groups.includes(groupOf(c.operation))) return true;
      unsent.push(...unsentCase(c, `${groupOf(c.operation)} is not in CONTRACT_OPERATIONS`));
      return false;
    });
  const probe = area.probe ? keep([area.probe(ctx)]) : [];
  const cases = keep(area.cases(ctx));
  const shortfall = budgetShortfall(ctx, [...probe, ...cases]);
  if (shortfall) return skipAll(shortfall, [...probe, ...cases]);
  const limit = `the run reached CONTRACT_RUN_TIMEOUT_MS`;
  if (runOver(ctx.config)) return notRunAll(`not run: ${limit} before this area started`);
  const timings = new Map<string, number>();

  const results = await runCases(ctx, probe, timings);
  const missing = results.find((r) => probeMissing(r.exchange));
  if (missing) {
    const { method, url } = missing.exchange.request;
    const what = `${method} ${new URL(url).pathname} answered ${missing.exchange.response!.status}`;
    const checks = checkOutcomes(ctx.checks, ['operation_implemented'], results).filter(
      (c) => c.id === 'operation_implemented',
    );
    // Asked for by name, a missing operation fails; otherwise the run covers what the target answers.
    const reason = `operation not implemented: ${what} (set CONTRACT_OPERATIONS to include ${area.group} to fail on this)`;
    if (!operations.chosen)
      return {
        area,
        notImplemented: what,
        skipped: reason,
        results,
        checks: allAs('skipped', reason),
        unsent,
        durationMs: Date.now() - started,
      };
    return {
      area,
      notImplemented: what,
      results,
      checks: allAs('skipped', `operation not implemented: ${what}`, checks),
      unsent,
      durationMs: Date.now() - started,
    };
  }
  results.push(...(await runCases(ctx, cases, timings)));
  for (let stage = 0; area.next && stage < MAX_STAGES && !cutByRunLimit(results); stage += 1) {
    const more = keep(area.next(ctx, results));
    const short = more.length ? budgetShortfall(ctx, more) : undefined;
    if (short) unsent.push(...more.flatMap((c) => unsentCase(c, short)));
    if (!more.length || short) break;
    results.push(...(await runCases(ctx, more, timings)));
  }
  const sent = results.length;
  const cut = cutByRunLimit(results);
  // A shrunk counterexample goes first, so that it is the one a failure message shows.
  if (!cut)
    for (const f of (await shrinkGenerated(ctx, results)).reverse())
      results.unshift({ exchange: f.exchange!, failures: [f] });

  let checks = checkOutcomes(ctx.checks, listed, results).map((c) => ({
    ...c,
    durationMs: +(timings.get(c.id) ?? 0).toFixed(2),
  }));
  const usage = tokenUsage(results.map((r) => r.exchange));
  if (!cut) return { area, results, checks, usage, unsent, durationMs: Date.now() - started };
  // What failed on answers that did arrive stays failed; nothing else may pass on a partial area.
  const notRun = `not finished: ${limit} (${cut} of ${sent} requests cut or never sent)`;
  checks = checks.map((c) =>
    c.status === 'failed' || c.status === 'skipped' ? c : { ...c, status: 'not_run' as const, reason: notRun },
  );
  return { area, notRun, results, checks, usage, unsent, durationMs: Date.now() - started };

  function notRunAll(reason: string): AreaOutcome {
    return {
      ...notRunOutcome(area, reason),
      unsent: [...unsent, ...[...probe, ...cases].flatMap((c) => unsentCase(c, reason))],
      durationMs: Date.now() - started,
    };
  }
}

/** The case is sent under CONTRACT_FEATURES: it names no feature, or at least one chosen one. */
function featureSelected(ctx: Run, c: RequestCase): boolean {
  const { ids, chosen } = ctx.config.features;
  const named = c.meta?.features ?? [];
  return !chosen || !named.length || named.some((f) => ids.includes(f));
}

function unsentCase(c: RequestCase, reason: string, verdict: UnsentCase['verdict'] = 'not_tested'): UnsentCase[] {
  const features = c.meta?.features ?? [];
  return features.length ? [{ name: c.name, features, verdict, reason }] : [];
}

/** The cases a skipped area would have sent (so that its features say why they were not tested); none if they cannot be built. */
function plannedCases(ctx: Run, area: AreaDef): RequestCase[] {
  try {
    return [...(area.probe ? [area.probe(ctx)] : []), ...area.cases(ctx)];
  } catch {
    return [];
  }
}

/** An area none of whose checks could judge anything: every one not run, for the reason given. */
export function notRunOutcome(area: AreaDef, reason: string, custom: readonly Check[] = []): AreaOutcome {
  return {
    area,
    notRun: reason,
    results: [],
    checks: areaCheckIds(area, custom).map((id) => ({
      id,
      status: 'not_run',
      reason,
      ran: 0,
      failures: [],
      warnings: [],
    })),
    durationMs: 0,
  };
}

/** Every area in order, as one run; `onArea` hears of each as it ends (progress lines). */
export async function evaluateAll(
  ctx: Run,
  onArea?: (outcome: AreaOutcome) => void,
  areas: AreaDef[] = AREAS,
): Promise<AreaOutcome[]> {
  const outcomes: AreaOutcome[] = [];
  for (const area of areas) {
    const outcome = await evaluateArea(ctx, area);
    outcomes.push(outcome);
    onArea?.(outcome);
  }
  return outcomes;
}

/** Per-check outcomes of a set of results: the listed checks, then the catch-all for the others. */
export function checkOutcomes(ctx: CheckContext, listedIds: string[], results: CaseResult[]): CheckOutcome[] {
  const profile = ctx.profile;
  const notInProfile = (id: string): CheckOutcome => ({
    id,
    status: 'skipped',
    reason: `not in the ${profile} profile`,
    ran: 0,
    failures: [],
    warnings: [],
  });
  const custom = ctx.custom ?? [];
  const all: CheckOutcome[] = [...CHECKS, ...custom].map((check) => {
    if (!check.profiles.includes(profile)) return notInProfile(check.id);
    const off = check.off?.(ctx);
    if (off) return { id: check.id, status: 'skipped', reason: off, ran: 0, failures: [], warnings: [] };
    const ran = results.filter((r) => applies(ctx, check, r.exchange)).length;
    const meta = custom.includes(check) ? { meta: { title: check.title, source: check.source } } : {};
    return {
      ...outcome(
        check.id,
        ran,
        results.flatMap((r) => r.failures.filter((f) => f.checkId === check.id)),
      ),
      ...meta,
    };
  });
  for (const check of SET_CHECKS) {
    if (!check.profiles.includes(profile)) {
      all.push(notInProfile(check.id));
      continue;
    }
    const exchanges = results.map((r) => r.exchange).filter((ex) => check.operations.includes(ex.case.operation));
    all.push(
      outcome(
        check.id,
        check.ran(exchanges),
        check.run(ctx, exchanges).map((d) => toFailure(check, d.finding, d.exchange)),
      ),
    );
  }
  const listed = all.filter((c) => listedIds.includes(c.id));
  const others = all.filter((c) => !listedIds.includes(c.id));
  return [
    ...listed,
    outcome(
      OTHER_CHECKS,
      results.length,
      others.flatMap((c) => [...c.failures, ...c.warnings]),
    ),
  ];
}

function outcome(id: string, ran: number, all: Failure[]): CheckOutcome {
  const failures = all.filter((f) => f.severity === 'error');
  const warnings = all.filter((f) => f.severity === 'warning');
  if (failures.length) return { id, status: 'failed', ran, failures, warnings };
  if (ran === 0)
    return { id, status: 'skipped', reason: 'no exchange in this area it applies to', ran, failures, warnings };
  return { id, status: 'passed', ran, failures, warnings };
}
