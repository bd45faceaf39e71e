/**
 * One verdict per feature, from the checks that ran on the requests exercising it (never from "it
 * answered 200"). Two steps, both pure: each area's outcome gives a piece of evidence per case that
 * names features (`caseEvidence`, kept in the area's record so that results.json can be rebuilt from
 * records), then the evidence of every area gives the verdicts (`featureVerdicts`).
 */
import type { AreaOutcome } from '../suite/areas';
import type { CaseResult } from '../suite/run-cases';
import type { Failure } from '../checks/failure';
import { FEATURE_IDS, type FeatureId, type FeatureVerdict } from './ids';
import { CHECK_FEATURES, FEATURES, featureRefusal } from './catalogue';
import { impactOf } from '../checks/impact';

/** What one case showed about each feature it exercises. */
export interface CaseEvidence {
  case: string;
  area: string;
  /** Per feature of the case: what it showed. */
  features: Partial<Record<FeatureId, CaseFeatureOutcome>>;
}

export interface CaseFeatureOutcome {
  outcome: 'passed' | 'refused' | 'broken' | 'not_applicable' | 'not_tested';
  /** Why: the refusal's message, the checks that failed, why it was not sent. */
  why?: string;
  /** Checks that failed on it (broken) or warned about it (any outcome). */
  failed?: string[];
  warned?: string[];
}

export interface FeatureResult {
  id: FeatureId;
  title: string;
  verdict: FeatureVerdict;
  /** The user requires it (CONTRACT_REQUIRE_FEATURES): refused fails the run. */
  required: boolean;
  /** One line: what decided the verdict. */
  reason: string;
  /** Cases that exercised it, by outcome. */
  cases: { passed: string[]; refused: string[]; broken: string[] };
  /** Checks that failed on its cases (broken), and checks that warned. */
  failedChecks: string[];
  warnings: string[];
}

const nonconformance = (f: Failure) => f.severity === 'error' && f.category === 'nonconformance';
const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** The features a failure of `checkId` on a case tagged `tagged` breaks. */
function owned(checkId: string, tagged: FeatureId[]): FeatureId[] {
  const own = CHECK_FEATURES[checkId]?.filter((f) => tagged.includes(f));
  return own?.length ? own : tagged;
}

/** The failures an area's checks found on one exchange (set checks report theirs on the exchange they are shown on). */
function failuresOn(outcome: AreaOutcome, r: CaseResult): Failure[] {
  const found = outcome.checks.flatMap((c) => [...c.failures, ...c.warnings]).filter((f) => f.exchange === r.exchange);
  // Failures under other_checks are the very objects of the exchange's own list: each is kept once.
  return uniq([...found, ...r.failures]);
}

function resultEvidence(outcome: AreaOutcome, r: CaseResult): CaseEvidence | undefined {
  const ex = r.exchange;
  const tagged = ex.case.meta?.features ?? [];
  if (!tagged.length) return undefined;
  const evidence: CaseEvidence = { case: ex.case.name, area: outcome.area.id, features: {} };
  const set = (features: FeatureId[], o: CaseFeatureOutcome) => {
    for (const f of features) evidence.features[f] = o;
  };
  if (ex.notSent || ex.transportError?.kind === 'run_limit') {
    set(tagged, { outcome: 'not_tested', why: ex.transportError?.message ?? 'not sent' });
    return evidence;
  }
  if (outcome.notImplemented) {
    set(
      tagged,
      outcome.skipped
        ? { outcome: 'refused', why: `not implemented: ${outcome.notImplemented}` }
        : { outcome: 'broken', why: `not implemented: ${outcome.notImplemented}`, failed: ['operation_implemented'] },
    );
    return evidence;
  }
  const found = failuresOn(outcome, r);
  // A feature is broken by what breaks its clients (checks/impact.ts) or by a check that speaks for
  // it; a deviation on the same answer (a missing request-id) is a finding, not a broken feature.
  const errors = found.filter(
    (f) =>
      nonconformance(f) &&
      (impactOf(f.checkId, f.severity) === 'breaks_clients' || CHECK_FEATURES[f.checkId] !== undefined),
  );
  const warned = (f: FeatureId) =>
    uniq(found.filter((x) => x.severity === 'warning' && owned(x.checkId, tagged).includes(f)).map((x) => x.checkId));
  if (found.some((x) => x.category !== 'nonconformance') || ex.unavailable) {
    set(tagged, {
      outcome: 'not_tested',
      why: 'the target was unavailable (overloaded or unreachable) for this request',
    });
    return evidence;
  }
  const refusal = featureRefusal(ex);
  if (refusal) {
    // The features it names were refused; the others of this request were never reached.
    set(tagged, { outcome: 'not_tested', why: `the request was refused for ${refusal.features.join(', ')}` });
    set(refusal.features, { outcome: 'refused', why: `${refusal.status}: ${refusal.message.slice(0, 200)}` });
    return evidence;
  }
  const broken = new Map<FeatureId, string[]>();
  for (const e of errors)
    for (const f of owned(e.checkId, tagged)) broken.set(f, uniq([...(broken.get(f) ?? []), e.checkId]));
  for (const f of tagged) {
    const failed = broken.get(f);
    const w = warned(f);
    evidence.features[f] = failed
      ? { outcome: 'broken', why: `failed: ${failed.join(', ')}`, failed, ...(w.length ? { warned: w } : {}) }
      : { outcome: 'passed', ...(w.length ? { warned: w } : {}) };
  }
  return evidence;
}

/** The evidence an area's outcome gives about the features its cases exercise (sent and unsent). */
export function caseEvidence(outcome: AreaOutcome): CaseEvidence[] {
  const sent = outcome.results.flatMap((r) => resultEvidence(outcome, r) ?? []);
  const unsent = (outcome.unsent ?? []).map((u) => ({
    case: u.name,
    area: outcome.area.id,
    features: Object.fromEntries(u.features.map((f) => [f, { outcome: u.verdict, why: u.reason }])),
  }));
  return [...sent, ...unsent];
}

/** Why a feature got its verdict, in one line. */
function reasonOf(
  verdict: FeatureVerdict,
  outcomes: Array<{ case: string; o: CaseFeatureOutcome }>,
  required: boolean,
): string {
  const pick = (kind: CaseFeatureOutcome['outcome']) => outcomes.filter((x) => x.o.outcome === kind);
  const first = (kind: CaseFeatureOutcome['outcome']) => pick(kind)[0];
  switch (verdict) {
    case 'broken': {
      const b = pick('broken');
      const { case: name, o } = first('broken')!;
      const why = o.why && !o.why.startsWith('failed:') ? `: ${o.why}` : '';
      return `${b.length} request(s) broken (${uniq(b.flatMap((x) => x.o.failed ?? [])).join(', ') || 'see its checks'}), e.g. ${name}${why}`;
    }
    case 'refused':
      return `refused cleanly (${first('refused')!.o.why}, ${first('refused')!.case})${required ? '; required by CONTRACT_REQUIRE_FEATURES, so the run fails' : '; acceptable unless CONTRACT_REQUIRE_FEATURES names it'}`;
    case 'supported':
      return `${pick('passed').length} request(s): every check passed`;
    case 'not_applicable':
      return first('not_applicable')!.o.why ?? "the target's answers never reached it";
    default: {
      const why = uniq(pick('not_tested').map((x) => x.o.why ?? 'not sent'));
      return why.length ? why.slice(0, 3).join('; ') : 'no request in this run exercises it';
    }
  }
}

/**
 * The verdict on every feature, from the evidence of all areas: broken if any request showed it
 * broken, else refused if one was cleanly refused, else supported if one passed every check, else
 * not applicable, else not tested.
 */
export function featureVerdicts(evidence: CaseEvidence[], required: readonly FeatureId[] = []): FeatureResult[] {
  return FEATURE_IDS.map((id) => {
    const outcomes = evidence.flatMap((e) => (e.features[id] ? [{ case: e.case, o: e.features[id]! }] : []));
    const has = (kind: CaseFeatureOutcome['outcome']) => outcomes.some((x) => x.o.outcome === kind);
    const verdict: FeatureVerdict = has('broken')
      ? 'broken'
      : has('refused')
        ? 'refused'
        : has('passed')
          ? 'supported'
          : has('not_applicable')
            ? 'not_applicable'
            : 'not_tested';
    const names = (kind: CaseFeatureOutcome['outcome']) =>
      uniq(outcomes.filter((x) => x.o.outcome === kind).map((x) => x.case));
    return {
      id,
      title: FEATURES[id].title,
      verdict,
      required: required.includes(id),
      reason: reasonOf(verdict, outcomes, required.includes(id)),
      cases: { passed: names('passed'), refused: names('refused'), broken: names('broken') },
      failedChecks: uniq(outcomes.flatMap((x) => x.o.failed ?? [])),
      warnings: uniq(outcomes.flatMap((x) => x.o.warned ?? [])),
    };
  });
}

/** Verdicts straight from a run's area outcomes (programmatic runs, tests). */
export const verdictsOf = (outcomes: AreaOutcome[], required: readonly FeatureId[] = []) =>
  featureVerdicts(outcomes.flatMap(caseEvidence), required);
