/**
 * The reference mock's decision for one request, as data: which status and body (or which events)
 * a conformant server gives. Headers first (auth, version), then the body: JSON, the spec's request
 * schema (contract.validateRequest, refused in the API's words: request-errors.ts), the cross-field
 * rules (contract/request-rules.ts), the model (the spec's model table: models.ts).
 */
import type { Contract } from '../contract/spec';
import { firstRuleViolation } from '../contract/request-rules';
import { reply, newId, inputTokens } from './reply';
import { toEvents, type MockEvent } from './stream';
import { requestErrorMessage } from './request-errors';
import { answeredModel, servedModels } from './models';
import { countTokensFields, modelsAnswer } from './endpoints';
import { addCitations } from './content';
import { applyCache, type PromptCache } from './cache';
import { invalidSignature } from './signatures';

export interface MockRequest {
  method: string;
  /** Path after any prefix, e.g. `/v1/messages`, and the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface MockResult {
  status: number;
  headers: Record<string, string>;
  /** JSON body, or… */
  json?: unknown;
  /** …stream events (a 200 to `stream: true`). */
  events?: MockEvent[];
  /** The parsed request body, when it parsed (fault hooks read it). */
  request?: Record<string, unknown>;
  /** Why the request was refused: the rule (`schema`, `version`, a request-rules.ts id…) and the field it names. */
  refusal?: Refusal;
}

export interface Refusal {
  rule: string;
  field?: string;
}

/** The field a refusal message names: its `path: ` prefix, else its first `backticked` name. */
function fieldOf(message: string): string | undefined {
  return /^([\w.]+): /.exec(message)?.[1] ?? /`([\w.]+)`/.exec(message)?.[1];
}

const refused = (result: MockResult, rule: string, field?: string): MockResult => ({
  ...result,
  refusal: { rule, field },
});

export interface MockOptions {
  apiKey: string;
  /** Models the mock serves besides the spec's model table (`info.x-models`). */
  models?: string[];
  /** Serve only these models (and `models`) instead of the table. */
  onlyModels?: string[];
  /** The prompt cache (one per server); without one nothing is cached. */
  cache?: PromptCache;
}

/**
 * An error answer in the API's envelope, with `request_id` in the body and the `request-id` header.
 * `x-should-retry` as the API sends it: `false` on the 4xx a retry cannot fix, `true` on 429 and
 * 5xx (recorded 400/401/529 answers, tests/fixtures/recorded/README.md "Errors"); the SDKs obey it.
 */
export function errorResult(status: number, message: string, type: string): MockResult {
  const requestId = newId('req');
  const retry = status === 408 || status === 409 || status === 429 || status >= 500;
  return {
    status,
    headers: { 'request-id': requestId, 'x-should-retry': String(retry) },
    json: { type: 'error', error: { type, message }, request_id: requestId },
  };
}

/** Betas that raise a model's output ceiling (output-128k-…, output-300k-…, max-tokens-3-5-sonnet-…). */
const raisesCeiling = (betas: string) => /(^|,)\s*(output-\d+k-|max-tokens-)/.test(betas);

export function handle(contract: Contract, options: MockOptions, req: MockRequest): MockResult {
  // The error type of each status comes from the spec; other 4xx use invalid_request_error (https://platform.claude.com/docs/en/api/errors).
  const fail = (status: number, message: string) =>
    errorResult(status, message, contract.errorTypesFor(status)?.[0] ?? 'invalid_request_error');
  const route =
    req.path === '/v1/messages'
      ? 'messages'
      : req.path === '/v1/messages/count_tokens'
        ? 'count_tokens'
        : /^\/v1\/models(\/[^/]+)?$/.test(req.path)
          ? 'models'
          : undefined;
  if (!route) return refused(fail(404, `Not Found: ${req.path}`), 'route');
  if (req.method !== (route === 'models' ? 'GET' : 'POST'))
    return refused(fail(405, `Method Not Allowed: ${req.method}`), 'method');

  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const key = req.headers['x-api-key'] || bearer;
  if (!key) return refused(fail(401, 'x-api-key header is required'), 'auth', 'x-api-key');
  // The API's words for a wrong key: `invalid x-api-key`, or for a Bearer token `Invalid bearer token` (openclaw/openclaw#54350).
  if (key !== options.apiKey)
    return refused(fail(401, req.headers['x-api-key'] ? 'invalid x-api-key' : 'Invalid bearer token'), 'key');

  const version = req.headers['anthropic-version'];
  if (!version) return refused(fail(400, 'anthropic-version: header is required'), 'version', 'anthropic-version');
  if (!contract.anthropicVersions.includes(version))
    return refused(fail(400, `anthropic-version: "${version}" is not a valid version`), 'version', 'anthropic-version');

  const selection = { only: options.onlyModels, add: options.models };
  if (route === 'models') {
    const answer = modelsAnswer(contract, selection, req.path, req.query);
    if ('notFound' in answer) return refused(fail(404, answer.notFound), 'model', 'model_id');
    if ('refused' in answer) return refused(fail(400, answer.refused), 'schema', fieldOf(answer.refused));
    return { status: 200, headers: { 'request-id': newId('req') }, json: answer.json };
  }

  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
    return refused(fail(400, 'Content-Type must be application/json'), 'content_type', 'content-type');
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    return refused(fail(400, 'There was an error parsing the body of your request: invalid JSON'), 'json');
  }
  const betas = req.headers['anthropic-beta'] ?? '';
  const beta = Boolean(betas) || req.query.get('beta') === 'true';
  if (route === 'count_tokens') return countTokens(contract, selection, body, beta, fail);
  const invalid = requestErrorMessage(contract, body, beta);
  if (invalid) return refused(fail(400, invalid), 'schema', fieldOf(invalid));
  const request = body as Record<string, unknown>;
  const violation = firstRuleViolation(request, {
    version,
    modelMaxOutputTokens: raisesCeiling(betas) ? {} : contract.modelMaxOutputTokens,
    models: contract.models,
  });
  if (violation)
    return {
      ...fail(400, violation.message),
      request,
      refusal: { rule: violation.rule.id, field: fieldOf(violation.message) },
    };
  const forged = invalidSignature(request);
  if (forged) return { ...fail(400, forged), request, refusal: { rule: 'thinking_signature', field: 'signature' } };
  const model = String(request.model);
  if (!servedModels(contract, selection).has(model))
    return { ...fail(404, `model: ${model}`), request, refusal: { rule: 'model', field: 'model' } };

  const { message } = reply(request);
  message.model = answeredModel(contract, model);
  addCitations(message, request);
  if (options.cache) applyCache(message, request, options.cache);
  const headers = { 'request-id': newId('req') };
  if (request.stream === true) return { status: 200, headers, events: toEvents(message), request };
  return { status: 200, headers, json: message, request };
}

/**
 * `POST /v1/messages/count_tokens`: the members the spec's CountMessageTokensParams lists (any
 * other, max_tokens or stream included, is an extra input). Each is the very schema
 * CreateMessageParams uses for it, so the body is refused in the same words as a message body
 * with max_tokens, and answered `{input_tokens}` as `/v1/messages` reports them in `usage`.
 */
function countTokens(
  contract: Contract,
  selection: { only?: string[]; add?: string[] },
  body: unknown,
  beta: boolean,
  fail: (status: number, message: string) => MockResult,
): MockResult {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const allowed = countTokensFields(contract, beta);
    const extra = Object.keys(body).find((k) => !allowed.includes(k));
    if (extra) return refused(fail(400, `${extra}: Extra inputs are not permitted`), 'schema', extra);
  }
  const invalid = requestErrorMessage(
    contract,
    body && typeof body === 'object' && !Array.isArray(body) ? { ...body, max_tokens: 1 } : body,
    beta,
  );
  if (invalid) return refused(fail(400, invalid), 'schema', fieldOf(invalid));
  const request = body as Record<string, unknown>;
  if (!servedModels(contract, selection).has(String(request.model)))
    return refused(fail(404, `model: ${String(request.model)}`), 'model', 'model');
  return { status: 200, headers: { 'request-id': newId('req') }, json: { input_tokens: inputTokens(request) } };
}
