import { defineCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { hasResponse, headersKept } from './conditions';

/**
 * The response headers the spec declares for a status carry well-formed values when present:
 * `retry-after` in seconds or an HTTP date, `x-should-retry` true or false, rate-limit counts as
 * integers and resets in RFC 3339 (clients and the SDKs' retry logic parse them).
 */
export const responseHeadersConformance = defineCheck({
  id: 'response_headers_conformance',
  title: 'Malformed response header',
  source: 'openapi: #/components/headers; https://docs.claude.com/en/api/rate-limits#response-headers',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [hasResponse, headersKept],
  run(ctx, ex) {
    const res = ex.response!;
    return ctx.contract
      .operation(ex.case.operation)
      .validateHeaders(res.status, res.headers)
      .map((i) => ({
        detail: `Received: ${i.path}: ${i.message}\nExpected: the header as openapi #/components/headers declares it for status ${res.status}`,
        key: `${i.path}:${i.keyword}`,
      }));
  },
});
