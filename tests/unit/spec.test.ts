/** The contract itself: it validates, its examples validate against their own schemas, and the loader hands out what it states. */
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { loadContract, SPEC_PATH } from '../../src/contract/spec';
import { runChecks } from '../../src/checks/registry';
import { parseSse } from '../../src/stream/sse';
import type { Exchange } from '../../src/http/exchange';

test('the spec validates with swagger-parser (OpenAPI 3.0.3)', async () => {
  const api = (await SwaggerParser.validate(SPEC_PATH)) as OpenAPIV3.Document;
  expect(api.openapi).toBe('3.0.3');
  expect(api.paths['/v1/messages']?.post?.operationId).toBe('createMessage');
});

test('request examples: valid ones validate, the named invalid one fails for its reason', async () => {
  const c = await loadContract();
  expect([...c.operation('messages').exampleNames].sort()).toEqual(['hello', 'missing_max_tokens', 'stream_hello']);
  expect(c.validateRequest(c.requestExample('hello'))).toEqual([]);
  expect(c.validateRequest(c.requestExample('stream_hello'))).toEqual([]);
  expect(c.validateRequest(c.requestExample('missing_max_tokens')).map((i) => i.message)).toEqual([
    "must have required property 'max_tokens'",
  ]);
});

test('every response example validates against its own status and media type', async () => {
  const c = await loadContract();
  let checked = 0;
  for (const [status, response] of Object.entries(c.deref.paths['/v1/messages']!.post!.responses)) {
    for (const [media, content] of Object.entries((response as OpenAPIV3.ResponseObject).content ?? {})) {
      for (const [name, example] of Object.entries(content.examples ?? {})) {
        const value = (example as OpenAPIV3.ExampleObject).value;
        checked += 1;
        if (media === 'application/json') {
          expect({ status, name, issues: c.validateResponseBody(Number(status), value) }).toEqual({
            status,
            name,
            issues: [],
          });
        } else {
          // The SSE example goes through every stream check, as a live stream would.
          const ex: Exchange = {
            case: { name: `example/${name}`, operation: 'messages', body: { ...(c.requestExample(name) as object) } },
            request: { method: 'POST', url: 'http://example', headers: {}, body: '' },
            response: {
              status: Number(status),
              headers: { 'content-type': media, 'request-id': 'req_1' },
              text: value,
              events: parseSse(value).events,
            },
            retried: [],
            unavailable: false,
            durationMs: 0,
          };
          expect(runChecks({ contract: c, profile: 'full' }, ex)).toEqual([]);
          expect(ex.response!.events!.length).toBe(7);
        }
      }
    }
  }
  expect(checked).toBeGreaterThanOrEqual(4);
});

test('the loader hands out what the spec states', async () => {
  const c = await loadContract();
  expect(c.documentedStatuses).toEqual(expect.arrayContaining([200, 400, 401, 402, 403, 404, 413, 429, 500, 529]));
  expect(c.errorTypesFor(401)).toEqual(['authentication_error']);
  expect(c.errorTypesFor(529)).toEqual(['overloaded_error']);
  expect(c.anthropicVersions).toEqual(['2023-06-01', '2026-10-21']);
  expect(c.knownStopReasons).toEqual(expect.arrayContaining(['end_turn', 'max_tokens', 'stop_sequence', 'tool_use']));
  expect(c.requestProperty('max_tokens')).toMatchObject({ type: 'integer', minimum: 0 }); // 0 pre-warms the prompt cache (SDK 1.14)
  expect(
    c.validateRequest({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }], extra: 1 })[0]!.message,
  ).toMatch(/additional properties \(extra\)/);
  // Response objects stay open: unknown fields pass.
  const message = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [{ type: 'new_block', x: 1 }],
    stop_reason: 'new_reason',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1, new_counter: 3 },
    new_field: true,
  };
  expect(c.validateResponseBody(200, message)).toEqual([]);
});
