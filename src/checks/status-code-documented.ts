import { defineCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { hasResponse } from './conditions';

/** The status is one the spec documents for the operation (a redirect or a proxy's 502 is not). */
export const statusCodeDocumented = defineCheck({
  id: 'status_code_documented',
  title: 'Undocumented HTTP status code',
  source: 'openapi: #/paths/~1v1~1messages/post/responses',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [hasResponse],
  run(ctx, ex) {
    const status = ex.response!.status;
    const { documentedStatuses, method, path } = ctx.contract.operation(ex.case.operation);
    if (documentedStatuses.includes(status)) return [];
    return [
      {
        detail: `Received: ${status}\nDocumented for ${method} ${path}: ${documentedStatuses.join(', ')}`,
        key: String(status),
      },
    ];
  },
});
