import { defineCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { isError, isJsonResponse } from './conditions';
import { issuesToFindings } from './response-schema';

/**
 * An error is the envelope `{type:"error", error:{type, message}, request_id}` and its `error.type`
 * is the one its status documents (the per-status schemas in the spec hold the table, https://platform.claude.com/docs/en/api/errors).
 */
export const errorEnvelope = defineCheck({
  id: 'error_envelope',
  title: 'Error body is not the documented envelope',
  source:
    'openapi: #/components/schemas/ErrorResponse; https://docs.anthropic.com/en/api/errors (HTTP errors: each status and its error type)',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [isJsonResponse, isError],
  run(ctx, ex) {
    const res = ex.response!;
    const op = ctx.contract.operation(ex.case.operation);
    if (!op.documentedStatuses.includes(res.status)) return [];
    if (res.json === undefined)
      return [
        {
          detail: `Received a ${res.status} whose body is not JSON: ${res.text.slice(0, 200) || '<EMPTY>'}`,
          key: 'not_json',
        },
      ];
    const findings = issuesToFindings(op.validateResponseBody(res.status, res.json), '', `responses.${res.status}`);
    const expected = ctx.contract.errorTypesFor(res.status);
    return findings.map((f) =>
      f.key?.startsWith('/error/type:') && expected
        ? {
            ...f,
            detail: `Received: ${res.status} with error.type ${JSON.stringify((res.json as { error?: { type?: unknown } }).error?.type)}\nExpected: error.type ${expected.join(' or ')} for status ${res.status}`,
          }
        : f,
    );
  },
});
