import { defineSetCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import type { Exchange } from '../http/exchange';
import { hasResponse, headersKept } from './conditions';

/**
 * `request-id` identifies one request: the API documents it as a globally unique identifier, and
 * users quote it to support to find their request. A canned answer that repeats one value makes
 * every request the same to whoever reads the logs. Evaluated over an area's exchanges (a
 * cross-exchange check, like stream_json_same_shape), retried answers included: each is a request.
 */
export const requestIdUnique = defineSetCheck({
  id: 'request_id_unique',
  title: 'The same request-id on different requests',
  source:
    'https://docs.anthropic.com/en/api/overview (response headers: request-id, a globally unique identifier for the request)',
  profiles: ['full'],
  operations: ALL_OPERATIONS,
  // Nothing to compare with fewer than two answers.
  ran: (exchanges) => {
    const n = exchanges.filter(readable).length;
    return n > 1 ? n : 0;
  },
  /** One finding per repeated value, on the second exchange that carried it. */
  run(_ctx, exchanges) {
    const byId = new Map<string, Exchange[]>();
    for (const ex of exchanges.filter(readable)) {
      for (const res of [...ex.retried, ex.response!]) {
        const id = res.headers['request-id']?.trim();
        if (id) byId.set(id, [...(byId.get(id) ?? []), ex]); // a missing header is request_id_header's finding
      }
    }
    return [...byId.entries()]
      .filter(([, carriers]) => carriers.length > 1)
      .map(([id, carriers]) => {
        const names = [...new Set(carriers.map((ex) => ex.case.name))];
        const also = names.length > 2 ? ` and ${names.length - 2} more` : '';
        return {
          exchange: carriers[1]!,
          finding: {
            detail: `Received: request-id ${JSON.stringify(id)} on ${carriers.length} answers (${names.slice(0, 2).join(', ')}${also})\nExpected: a different request-id for every request`,
            key: 'duplicate',
          },
        };
      });
  },
});

const readable = (ex: Exchange) => hasResponse(ex) && headersKept(ex);
