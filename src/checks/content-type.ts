import { defineCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { hasResponse, headersKept, streamRequested } from './conditions';
import { requestBody } from '../http/exchange';

const mediaType = (value: string | undefined) => (value ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * JSON answers are `application/json`; a streamed 200 is `text/event-stream` (parameters such as
 * `; charset=utf-8` are fine: every real stream carries one, tests/fixtures/recorded/README.md "Content types").
 */
export const contentTypeConformance = defineCheck({
  id: 'content_type_conformance',
  title: 'Wrong Content-Type',
  source:
    'openapi: responses.*.content; https://docs.anthropic.com/en/docs/build-with-claude/streaming (a stream is asked for with "stream": true)',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [hasResponse, headersKept],
  run(_ctx, ex) {
    const res = ex.response!;
    const got = mediaType(res.headers['content-type']);
    // A recorded response without its request: its own body says whether it was a stream.
    const stream = requestBody(ex) ? streamRequested(ex) : res.events !== undefined;
    const expected = stream && res.status === 200 ? 'text/event-stream' : 'application/json';
    if (got === expected) return [];
    const accept = ex.request.headers.accept;
    const hint =
      expected === 'text/event-stream' && accept && !/event-stream/i.test(accept)
        ? `\nHint: the request said "stream": true with Accept: ${accept}, as the official TypeScript SDK sends every request; a server that chooses by Accept breaks its users`
        : '';
    return [
      {
        detail: `Received: ${res.headers['content-type'] ?? '(no Content-Type header)'} on a ${res.status}${stream ? ' to "stream": true' : ''}\nExpected: ${expected}${hint}`,
        key: `${res.status}:${expected}`,
      },
    ];
  },
});
