import { defineCheck, type Finding } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { viewOf } from './view';
import { errorEventType, TRANSIENT_ERROR_TYPES } from '../http/retry';

/**
 * A response must arrive whole, in bounded time. Retries that ran out on 429/529, on connections
 * dropped before any answer, or on an overload `error` event inside a 200 stream, mean the target
 * was unavailable (reported apart from non-conformance, tests/fixtures/recorded/stream-error-01.json);
 * a refused connection means it was unreachable; a stall, an endless body, a connection broken
 * inside an answer every time, an answer that is not valid HTTP (it answered, wrongly), or a
 * non-transient error event is non-conformance.
 */
export const transportComplete = defineCheck({
  id: 'transport_complete',
  title: 'No complete response',
  source:
    'https://docs.anthropic.com/en/api/errors (529 overloaded_error; errors during streaming); anthropic-sdk-typescript src/client.ts (retries)',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  run(_ctx, ex) {
    const findings: Finding[] = [];
    const err = ex.transportError;
    if (ex.unavailable && ex.notSent) {
      // The breaker held it back after others stayed unavailable: say so, not "retries ran out".
      findings.push({
        detail: `target unavailable: ${err?.message ?? 'not sent'}`,
        key: 'unavailable',
        category: 'unavailable',
      });
    } else if (ex.unavailable) {
      const last = ex.response ? `${ex.response.status} ${ex.response.text.slice(0, 300)}` : err?.message;
      findings.push({
        detail: `target unavailable: retries ran out (${ex.retried.length} retried)\nLast: ${last}`,
        key: 'unavailable',
        category: 'unavailable',
      });
    } else if (err?.kind === 'connect') {
      findings.push({ detail: err.message, key: 'unreachable', category: 'unreachable' });
    } else if (err?.kind === 'invalid_http') {
      findings.push({
        detail: `Received: ${err.message}\nExpected: a well-formed HTTP/1.1 answer (RFC 9112; a header value holds no control characters, RFC 9110 section 5.5): clients' HTTP parsers refuse anything else`,
        key: 'invalid_http',
      });
    } else if (err) {
      findings.push({ detail: err.message, key: err.kind });
    }
    const errorEvent = ex.response?.events ? viewOf(ex).grammar?.errorEvent : undefined;
    if (errorEvent && !ex.unavailable) {
      // An overload is the target being busy; any other error after a 200 is its answer.
      const type = errorEventType(errorEvent.frame.data);
      const transient = TRANSIENT_ERROR_TYPES.has(type ?? 'overloaded_error');
      findings.push({
        detail: `the stream ended with an error event: ${errorEvent.frame.data.slice(0, 300)}`,
        key: 'stream_error_event',
        category: transient ? 'unavailable' : 'nonconformance',
        eventIndex: errorEvent.n,
      });
    }
    return findings;
  },
});
