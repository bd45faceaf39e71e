import type { Check } from './failure';
import { hasResponse } from './conditions';

/** The status is one the spec documents for POST /v1/messages (a 422 or a 200-with-error is not). */
export const statusCodeDocumented: Check = {
  id: 'status_code_documented',
  title: 'Undocumented HTTP status code',
  source: 'openapi: #/paths/~1v1~1messages/post/responses',
  profiles: ['full', 'schema'],
  when: [hasResponse],
  run(ctx, ex) {
    const status = ex.response!.status;
    if (ctx.contract.documentedStatuses.includes(status)) return [];
    return [{ detail: `Received: ${status}\nDocumented: ${ctx.contract.documentedStatuses.join(', ')}`, key: String(status) }];
  },
};
