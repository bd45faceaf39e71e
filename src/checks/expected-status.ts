import { defineCheck, type CheckContext, Finding } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { requestBody } from '../http/exchange';
import { MODEL_DEPENDENT, OLDER_RULES } from '../contract/request-rules';
import { hasResponse } from './conditions';
import { FEATURES, featureRefusal } from '../features/catalogue';
import type { Exchange } from '../http/exchange';

/** Checks the status (and error.type) a case's meta says every conformant server gives. */
function expectedStatus(ex: Exchange, ctx?: CheckContext): Finding[] {
  const expect = ex.case.meta?.expect;
  const res = ex.response!;
  if (!expect) return [];
  const gotType = (res.json as { error?: { type?: unknown } } | undefined)?.error?.type;
  const refused = ctx && expect.status === 200 ? (modelRefusal(ex, ctx) ?? offeredRefusal(ex, ctx)) : undefined;
  if (refused) return [refused];
  const rule = ex.case.meta?.rule ? ` (${ex.case.meta.rule})` : '';
  if (res.status !== expect.status) {
    const hint = statusHint(ex, expect.status, gotType);
    return [
      {
        detail: `Received: ${res.status}${typeof gotType === 'string' ? ` ${gotType}` : ''}\nExpected: ${expect.status}${expect.errorType ? ` ${expect.errorType}` : ''}${rule}${hint}`,
        key: `status:${expect.status}`,
      },
    ];
  }
  if (expect.errorType && gotType !== expect.errorType)
    return [
      {
        detail: `Received: ${res.status} with error.type ${JSON.stringify(gotType)}\nExpected: error.type ${expect.errorType}${rule}`,
        key: `type:${expect.errorType}`,
      },
    ];
  return [];
}

/**
 * What the user most likely got wrong, pointing at their setting: a base URL that already ends in
 * /v1, a redirect (with where it points), then the usual suspects by status.
 */
function statusHint(ex: Exchange, expected: number, gotType: unknown): string {
  const res = ex.response!;
  const appended = new URL(ex.request.url).pathname.match(/\/v1\/.*$/)?.[0] ?? '/v1/messages';
  if (/\/v1\/v1\//.test(new URL(ex.request.url).pathname))
    return `\nHint: the suite appends ${appended.replace(/^\/v1(?=\/v1\/)/, '')} to ANTHROPIC_BASE_URL, so it sent ${ex.request.url} and got ${res.status}: ANTHROPIC_BASE_URL seems to end in /v1 already; drop that /v1`;
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.location;
    return `\nHint: a redirect ${to ? `to ${to}` : 'without a Location header'}; the suite does not follow redirects: set ANTHROPIC_BASE_URL to where the API really is`;
  }
  if (res.status === 422) return '\nHint: the API answers validation errors with 400, not 422';
  if (res.status >= 500)
    return expected < 400
      ? '\nHint: the server failed on a request every conformant server accepts'
      : '\nHint: a server error on invalid input; it must be rejected with a 4xx';
  if (res.status === 401 && expected === 200)
    return '\nHint: the target refused the key: is ANTHROPIC_API_KEY (or ANTHROPIC_CUSTOM_HEADERS) right for it?';
  if (res.status === 404 && expected === 200 && gotType === 'not_found_error')
    return `\nHint: is ${JSON.stringify(requestBody(ex)?.model)} a model the target serves? Set ANTHROPIC_MODEL (or, if ${ex.request.url} is not the Messages API, fix ANTHROPIC_BASE_URL: the suite appends ${appended})`;
  if (res.status === 404 && expected === 200)
    return `\nHint: nothing at ${ex.request.url}: is ANTHROPIC_BASE_URL right? (the suite appends ${appended})`;
  return '';
}

/** A 400 that names a model-dependent feature the valid body uses, or an older rule's refusal: the model may refuse it (warning). */
export function modelRefusal(ex: Exchange, ctx: CheckContext): Finding | undefined {
  const res = ex.response!;
  const body = requestBody(ex);
  const error = (res.json as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
  if (res.status !== 400 || error?.type !== 'invalid_request_error' || !body) return undefined;
  const rules = {
    version: ex.request.headers['anthropic-version'] ?? '',
    modelMaxOutputTokens: ctx.contract.modelMaxOutputTokens,
  };
  const older = OLDER_RULES.find((r) => r.uses(body) && r.message.test(String(error.message)));
  if (older)
    return {
      detail: `Received: 400 ${JSON.stringify(String(error.message).slice(0, 200))}\nThe server follows an older rule of the API (${older.id}). Current rule: ${older.current}. Not counted as a failure.`,
      key: `older_rule:${older.id}`,
      source: older.source,
      severity: 'warning',
    };
  const feature = MODEL_DEPENDENT.find((f) => f.uses(body, rules) && f.message.test(String(error.message)));
  if (!feature) return undefined;
  return {
    detail: `Received: 400 ${JSON.stringify(String(error.message).slice(0, 200))}\nThe body uses a feature that depends on the model (${feature.id}): the real API refuses it for some models, so this is not counted as a failure. Check that ${String(body.model)} really lacks it.`,
    key: `model_dependent:${feature.id}`,
    source: feature.source,
    severity: 'warning',
  };
}

/**
 * A clean 4xx naming an optional feature the request exercises (images, thinking, a beta…): the
 * target says it does not offer it, which is conformant for a server in front of another model. A
 * warning, unless the user requires the feature (CONTRACT_REQUIRE_FEATURES).
 */
export function offeredRefusal(ex: Exchange, ctx: CheckContext): Finding | undefined {
  const refusal = featureRefusal(ex);
  if (!refusal) return undefined;
  const required = refusal.features.filter((f) => ctx.requiredFeatures?.includes(f));
  const what = refusal.features.map((f) => FEATURES[f].title).join('; ');
  return {
    detail: `Received: ${refusal.status} ${JSON.stringify(refusal.message.slice(0, 200))}\nThe target refuses ${what}: ${
      required.length
        ? `required by CONTRACT_REQUIRE_FEATURES (${required.join(', ')})`
        : 'a clean refusal of a feature it does not offer, reported but not counted as a failure (CONTRACT_REQUIRE_FEATURES makes it one)'
    }`,
    key: `feature_refused:${refusal.features.join(',')}`,
    severity: required.length ? 'error' : 'warning',
  };
}

/** A mismatch on an expectation nothing shows the real API holding is a warning, marked so. */
function unverifiedAsWarning(ex: Exchange, findings: Finding[]): Finding[] {
  const why = ex.case.meta?.unverified;
  if (!why) return findings;
  return findings.map((f) => ({
    ...f,
    severity: 'warning',
    key: `unverified:${f.key ?? ''}`,
    detail: `${f.detail}\nUnverified expectation, not counted as a failure: ${why}`,
  }));
}

const byMode = (modes: string[]) => (ex: Exchange) => modes.includes(ex.case.meta?.mode ?? '');

/** Valid requests are accepted (Schemathesis' positive_data_acceptance). */
export const positiveDataAcceptance = defineCheck({
  id: 'positive_data_acceptance',
  title: 'Valid request rejected',
  source: 'openapi: #/components/schemas/CreateMessageParams',
  profiles: ['full'],
  operations: ALL_OPERATIONS,
  when: [hasResponse, byMode(['example', 'positive', 'boundary', 'semantic', 'stream'])],
  run: (ctx, ex) => expectedStatus(ex, ctx),
});

/** Invalid requests get 400 invalid_request_error: never 2xx, never 5xx, never 422. */
export const negativeDataRejection = defineCheck({
  id: 'negative_data_rejection',
  title: 'Invalid request not rejected with 400',
  source:
    'https://docs.anthropic.com/en/api/errors (400 invalid_request_error); openapi: #/components/schemas/CreateMessageParams (request objects are closed)',
  profiles: ['full'],
  operations: ALL_OPERATIONS,
  when: [hasResponse, byMode(['negative'])],
  run: (_ctx, ex) => unverifiedAsWarning(ex, expectedStatus(ex)),
});

/** Keys, versions and models are enforced: 401 authentication_error, 400 for a missing or unknown version, 404 for an unknown model. */
export const authAndVersion = defineCheck({
  id: 'auth_and_version',
  title: 'Authentication, version or model not enforced',
  source:
    'https://docs.anthropic.com/en/api/overview (x-api-key, anthropic-version); https://docs.anthropic.com/en/api/versioning; https://docs.anthropic.com/en/api/errors (401 authentication_error, 404 not_found_error)',
  profiles: ['full'],
  operations: ALL_OPERATIONS,
  when: [hasResponse, byMode(['auth'])],
  run: (_ctx, ex) => unverifiedAsWarning(ex, expectedStatus(ex)),
});
