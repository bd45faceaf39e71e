/**
 * What a check reports. A failure is data first (id, title, detail, rule source, stable key);
 * report/format.ts alone turns it into text.
 */
import type { Contract } from '../contract/spec';
import type { Profile } from '../config';
import type { Exchange } from '../http/exchange';
import type { OperationId } from '../contract/operations';
import type { FeatureId } from '../features/ids';

/** error: the target breaks the contract. warning: allowed, but worth a look (not counted as failing). */
export type Severity = 'error' | 'warning';

/**
 * nonconformance: the target broke the contract.
 * unavailable: 429/529/dropped connections or an in-stream error outlasted the retries.
 * unreachable: the target could not be reached at all.
 */
export type Category = 'nonconformance' | 'unavailable' | 'unreachable';

export interface Finding {
  /** "Received … / Expected …" lines. */
  detail: string;
  /** Stable part of the key (a schema path or rule name, never a value that changes between runs). */
  key?: string;
  /** Overrides the check's rule source for this finding (e.g. a schema path). */
  source?: string;
  severity?: Severity;
  category?: Category;
  /** The stream event at fault, when there is one. */
  eventIndex?: number;
}

export interface Failure extends Required<Pick<Finding, 'detail' | 'key' | 'source' | 'severity' | 'category'>> {
  checkId: string;
  title: string;
  eventIndex?: number;
  /** The exchange the failure was found in. */
  exchange?: Exchange;
}

export interface CheckContext {
  contract: Contract;
  profile: Profile;
  /** Checks of the user's own (runConformance's `checks`), run and reported like ours. */
  custom?: readonly Check[];
  /** CONTRACT_MAX_TTFT_MS: the slowest first content delta a stream may have; unset, nothing is held to it. */
  maxTtftMs?: number;
  /** Features a clean refusal of is a failure (CONTRACT_REQUIRE_FEATURES); any other optional one may be refused. */
  requiredFeatures?: readonly FeatureId[];
}

/** One check: a plain function of the exchange, which returns nothing when it holds. */
export interface Check {
  id: string;
  /** Fixed title of the failure kind, as users see it. */
  title: string;
  /** Where the rule comes from (spec pointer or reference section). */
  source: string;
  /** Profiles the check runs in. The `schema` profile is what a static-example mock can satisfy. */
  profiles: Profile[];
  /** The operations whose exchanges the check judges. */
  operations: readonly OperationId[];
  /** Preconditions (only JSON, only streams, only 2xx…); the check is skipped when one is false. */
  when?: Array<(ex: Exchange) => boolean>;
  /** Why the check does not run in this run at all (a setting it needs is unset): it is reported skipped with this reason. */
  off?(ctx: CheckContext): string | undefined;
  run(ctx: CheckContext, ex: Exchange): Finding[];
}

/** Declares a check, keeping its id as a literal type (the registry derives the CheckId union from them). */
export const defineCheck = <const Id extends string>(check: Check & { id: Id }): Check & { id: Id } => check;

/**
 * A check across an area's exchanges (ids never repeated, a stream and its JSON twin of one shape,
 * a count that agrees with the usage of the same request, a pagination walk that holds together).
 * It returns each finding with the exchange it is shown on.
 */
export interface SetCheck {
  id: string;
  title: string;
  source: string;
  profiles: readonly Profile[];
  /** The operations whose exchanges the check reads. */
  operations: readonly OperationId[];
  /** How many of these exchanges the check judged (0: nothing to judge here, so it is skipped). */
  ran(exchanges: Exchange[]): number;
  run(ctx: CheckContext, exchanges: Exchange[]): Array<{ finding: Finding; exchange: Exchange }>;
}

export const defineSetCheck = <const Id extends string>(check: SetCheck & { id: Id }): SetCheck & { id: Id } => check;

export function toFailure(check: Pick<Check, 'id' | 'title' | 'source'>, f: Finding, ex?: Exchange): Failure {
  return {
    checkId: check.id,
    title: check.title,
    detail: f.detail,
    key: `${check.id}${f.key ? `:${f.key}` : ''}`,
    source: f.source ?? check.source,
    severity: f.severity ?? 'error',
    category: f.category ?? 'nonconformance',
    eventIndex: f.eventIndex,
    exchange: ex,
  };
}
