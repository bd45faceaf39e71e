/**
 * The reference mock's decision for one request, as data: which status and body (or which events)
 * a conformant server gives. Headers first (auth, version), then the body: JSON, the spec's request
 * schema (contract.validateRequest), the cross-field rules (contract/request-rules.ts), the model.
 */
import type { Contract } from '../contract/spec';
import { firstRuleViolation } from '../contract/request-rules';
import { reply, newId } from './reply';
import { toEvents, type MockEvent } from './stream';

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
}

export interface MockOptions {
  apiKey: string;
  /** Models the mock serves besides the spec's (`info.x-model-max-output-tokens`). */
  models?: string[];
}

/** An error answer in the API's envelope, with `request_id` in the body and the `request-id` header. */
export function errorResult(status: number, message: string, type: string): MockResult {
  const requestId = newId('req');
  return { status, headers: { 'request-id': requestId }, json: { type: 'error', error: { type, message }, request_id: requestId } };
}

export function handle(contract: Contract, options: MockOptions, req: MockRequest): MockResult {
  // The error type of each status comes from the spec; other 4xx use invalid_request_error (https://platform.claude.com/docs/en/api/errors).
  const fail = (status: number, message: string) => errorResult(status, message, contract.errorTypesFor(status)?.[0] ?? 'invalid_request_error');
  if (req.path !== '/v1/messages') return fail(404, `Not Found: ${req.path}`);
  if (req.method !== 'POST') return fail(405, `Method Not Allowed: ${req.method}`);

  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const key = req.headers['x-api-key'] ?? bearer;
  if (!key) return fail(401, 'x-api-key header is required');
  if (key !== options.apiKey) return fail(401, 'invalid x-api-key');

  const version = req.headers['anthropic-version'];
  if (!version) return fail(400, 'anthropic-version: header is required');
  if (!contract.anthropicVersions.includes(version)) return fail(400, `anthropic-version: "${version}" is not a valid version`);

  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return fail(400, 'Content-Type must be application/json');
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    return fail(400, 'There was an error parsing the body of your request: invalid JSON');
  }
  const beta = Boolean(req.headers['anthropic-beta']) || req.query.get('beta') === 'true';
  const issues = contract.validateRequest(body, { beta });
  if (issues.length) {
    const i = issues[0]!;
    return fail(400, `${i.path === '/' ? '' : `${i.path.slice(1).replace(/\//g, '.')}: `}${i.message}`);
  }
  const request = body as Record<string, unknown>;
  const violation = firstRuleViolation(request, { version, modelMaxOutputTokens: contract.modelMaxOutputTokens });
  if (violation) return { ...fail(400, violation.message), request };
  const models = [...Object.keys(contract.modelMaxOutputTokens), ...(options.models ?? [])];
  if (!models.includes(String(request.model))) return { ...fail(404, `model: ${String(request.model)}`), request };

  const { message } = reply(request);
  const headers = { 'request-id': newId('req') };
  if (request.stream === true) return { status: 200, headers, events: toEvents(message), request };
  return { status: 200, headers, json: message, request };
}
