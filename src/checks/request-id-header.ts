import { defineCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { hasResponse, headersKept } from './conditions';

/** Every response carries `request-id` (https://platform.claude.com/docs/en/api/errors). */
export const requestIdHeader = defineCheck({
  id: 'request_id_header',
  title: 'Missing request-id header',
  source: 'openapi: #/components/headers/RequestId; https://docs.anthropic.com/en/api/overview (response headers)',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [hasResponse, headersKept],
  run(_ctx, ex) {
    const value = ex.response!.headers['request-id'];
    return value && value.trim()
      ? []
      : [{ detail: 'Received: no request-id header\nExpected: a request-id header on every response' }];
  },
});
