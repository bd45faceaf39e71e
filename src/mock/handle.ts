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

const ERROR_TYPE: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 404: 'not_found_error', 405: 'invalid_request_error', 413: 'request_too_large' };

export function errorResult(status: number, message: string, type = ERROR_TYPE[status] ?? 'api_error'): MockResult {
  const requestId = newId('req');
  return { status, headers: { 'request-id': requestId }, json: { type: 'error', error: { type, message }, request_id: requestId } };
}

export function handle(contract: Contract, options: MockOptions, req: MockRequest): MockResult {
  if (req.path !== '/v1/messages') return errorResult(404, `Not Found: ${req.path}`);
  if (req.method !== 'POST') return errorResult(405, `Method Not Allowed: ${req.method}`);

  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const key = req.headers['x-api-key'] ?? bearer;
  if (!key) return errorResult(401, 'x-api-key header is required');
  if (key !== options.apiKey) return errorResult(401, 'invalid x-api-key');

  const version = req.headers['anthropic-version'];
  if (!version) return errorResult(400, 'anthropic-version: header is required');
  if (!contract.anthropicVersions.includes(version)) return errorResult(400, `anthropic-version: "${version}" is not a valid version`);

  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return errorResult(400, 'Content-Type must be application/json');
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    return errorResult(400, 'There was an error parsing the body of your request: invalid JSON');
  }
  const beta = Boolean(req.headers['anthropic-beta']) || req.query.get('beta') === 'true';
  const issues = contract.validateRequest(body, { beta });
  if (issues.length) {
    const i = issues[0]!;
    return errorResult(400, `${i.path === '/' ? '' : `${i.path.slice(1).replace(/\//g, '.')}: `}${i.message}`);
  }
  const request = body as Record<string, unknown>;
  const violation = firstRuleViolation(request, { version, modelMaxOutputTokens: contract.modelMaxOutputTokens });
  if (violation) return { ...errorResult(400, violation.message), request };
  const models = [...Object.keys(contract.modelMaxOutputTokens), ...(options.models ?? [])];
  if (!models.includes(String(request.model))) return { ...errorResult(404, `model: ${String(request.model)}`), request };

  const { message } = reply(request);
  const headers = { 'request-id': newId('req') };
  if (request.stream === true) return { status: 200, headers, events: toEvents(message), request };
  return { status: 200, headers, json: message, request };
}
