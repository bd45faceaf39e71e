/**
 * Every check the suite runs, in report order, and the one function that runs them on an exchange.
 * Live runs, recorded traffic and the fixture tests all go through runChecks.
 */
import type { Check, CheckContext, Failure, Finding, SetCheck } from './failure';
import { toFailure } from './failure';
import type { Exchange } from '../http/exchange';
import { transportComplete } from './transport';
import { statusCodeDocumented } from './status-code-documented';
import { contentTypeConformance } from './content-type';
import { requestIdHeader } from './request-id-header';
import { responseSchemaConformance } from './response-schema';
import { errorEnvelope } from './error-envelope';
import { sseFraming } from './sse-framing';
import { streamEventSchema } from './stream-event-schema';
import { streamGrammar } from './stream-grammar';
import { streamMessageValid } from './stream-message';
import { positiveDataAcceptance, negativeDataRejection, authAndVersion } from './expected-status';
import { maxTokensHonoured } from './max-tokens';
import { stopSequenceHonoured } from './stop-sequence';
import { toolChoiceHonoured } from './tool-choice';
import { thinkingHonoured } from './thinking';
import { stopReasonKnown } from './stop-reason-known';
import { usageAccountsForContent } from './usage-accounts';
import { inputTokensNonzero } from './input-tokens-nonzero';
import { errorMessageNamesField } from './error-message-field';
import { informationExposure } from './information-exposure';
import { validUtf8 } from './valid-utf8';
import { newValuesNamed } from './new-values';
import { responseHeadersConformance } from './response-headers';
import { streamJsonSameShape } from './stream-json-shape';
import { requestIdUnique } from './request-id-unique';
import { operationImplemented } from './operation-implemented';
import { countTokensMatchesUsage } from './count-tokens-usage';
import { modelsPagination } from './models-pagination';
import { modelsNewestFirst } from './models-newest-first';
import { modelRetrieveConsistent } from './model-retrieve-consistent';
import { modelsListedAccepted } from './models-listed-accepted';
import { streamNotBuffered } from './stream-not-buffered';
import { streamFirstTokenTime } from './stream-first-token';
import { promptCacheAccounting } from './prompt-cache';
import { citationsValid, contentCounted, contentReachesModel } from './feature-content';
import { toolRoundTrip } from './tool-round-trip';
import { parallelToolRoundTrip } from './parallel-tool-round-trip';
import { thinkingRoundTrip } from './thinking-round-trip';
import { prefillContinued } from './prefill-continued';
import { toolInputStreamed } from './tool-input-streamed';
import { toolResultImageCounted } from './tool-result-image-counted';
import { clientRequestConforms } from './client-request';

export const CHECKS = [
  transportComplete,
  statusCodeDocumented,
  contentTypeConformance,
  requestIdHeader,
  responseHeadersConformance,
  validUtf8,
  informationExposure,
  responseSchemaConformance,
  errorEnvelope,
  sseFraming,
  streamEventSchema,
  streamGrammar,
  streamMessageValid,
  streamNotBuffered,
  streamFirstTokenTime,
  positiveDataAcceptance,
  negativeDataRejection,
  authAndVersion,
  maxTokensHonoured,
  stopSequenceHonoured,
  toolChoiceHonoured,
  thinkingHonoured,
  usageAccountsForContent,
  inputTokensNonzero,
  errorMessageNamesField,
  stopReasonKnown,
  newValuesNamed,
  citationsValid,
  contentReachesModel,
  toolInputStreamed,
  toolRoundTrip,
  parallelToolRoundTrip,
  thinkingRoundTrip,
  prefillContinued,
  clientRequestConforms,
] as const satisfies readonly Check[];

/** Checks across an area's exchanges, reported after the per-exchange ones. */
export const SET_CHECKS = [
  operationImplemented,
  streamJsonSameShape,
  requestIdUnique,
  countTokensMatchesUsage,
  modelsPagination,
  modelsNewestFirst,
  modelRetrieveConsistent,
  modelsListedAccepted,
  promptCacheAccounting,
  contentCounted,
  toolResultImageCounted,
] as const satisfies readonly SetCheck[];

/** Every check id: a typo in an area's list or a test is a compile error. */
export type CheckId = (typeof CHECKS)[number]['id'] | (typeof SET_CHECKS)[number]['id'];

/** What can still be checked of an answer that never completed or that retries gave up on. */
const ON_INCOMPLETE = new Set([
  'transport_complete',
  'status_code_documented',
  'content_type_conformance',
  'request_id_header',
  'response_headers_conformance',
  'valid_utf8',
  'information_exposure',
  'error_envelope',
]);

export function applies(ctx: CheckContext, check: Check, ex: Exchange): boolean {
  if (!check.profiles.includes(ctx.profile)) return false;
  if (check.off?.(ctx)) return false;
  if (!check.operations.includes(ex.case.operation)) return false;
  if ((ex.unavailable || ex.transportError) && !ON_INCOMPLETE.has(check.id)) return false;
  try {
    return (check.when ?? []).every((w) => w(ex));
  } catch {
    return true; // a precondition that cannot read the answer: the check runs, and its failure to read it is a finding
  }
}

/**
 * Runs a check on an exchange. A check that throws on an answer (a hostile body nested past every
 * stack, a value no rule foresaw) has found something wrong with that answer: it becomes a finding of
 * that check, never a crash that leaves no report.
 */
function runOne(ctx: CheckContext, check: Check, ex: Exchange): Finding[] {
  try {
    return check.run(ctx, ex);
  } catch (e) {
    const err = e as Error;
    return [
      {
        detail: `the check could not read this answer: ${err?.name ?? 'Error'}: ${String(err?.message ?? e).slice(0, 200)}\nExpected: an answer every client can parse and check (this one broke the checker)`,
        key: 'unreadable_answer',
      },
    ];
  }
}

/**
 * Runs every check that applies to the exchange (profile and preconditions) and returns what failed.
 * `timings`, when given, accumulates the milliseconds each check spends (for reports).
 */
export function runChecks(
  ctx: CheckContext,
  ex: Exchange,
  checks: readonly Check[] = [...CHECKS, ...(ctx.custom ?? [])],
  timings?: Map<string, number>,
): Failure[] {
  const failures: Failure[] = [];
  const applicable = checks.filter((c) => applies(ctx, c, ex));
  for (const check of applicable) {
    const started = performance.now();
    for (const f of runOne(ctx, check, ex)) failures.push(toFailure(check, f, ex));
    timings?.set(check.id, (timings.get(check.id) ?? 0) + performance.now() - started);
  }
  // Retried answers are answers too: their status, headers and envelope must conform.
  for (const r of ex.retried) {
    const prior: Exchange = { ...ex, response: r, retried: [], unavailable: false, transportError: undefined };
    for (const check of checks.filter((c) => ON_INCOMPLETE.has(c.id) && c.id !== 'transport_complete')) {
      if (!applies(ctx, check, prior)) continue;
      for (const f of runOne(ctx, check, prior))
        failures.push(toFailure(check, { ...f, detail: `(retried response) ${f.detail}` }, prior));
    }
  }
  return failures;
}
