/**
 * The spec's count_tokens and models operations: their examples validate, the count_tokens body
 * reuses CreateMessageParams' schema for every member it shares (one place for each rule), beta
 * members are beta-only, and the response schemas are open with the newer members optional.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { loadContract, type Contract } from '../../src/contract/spec';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});
const op = (path: string, method: 'get' | 'post') => contract.deref.paths[path]![method]!;
const schemas = () => contract.deref.components!.schemas as Record<string, OpenAPIV3.SchemaObject>;
const props = (name: string) => schemas()[name]!.properties as Record<string, OpenAPIV3.SchemaObject>;

test('the three operations carry the ids other code reads them by', () => {
  expect(op('/v1/messages/count_tokens', 'post').operationId).toBe('countMessageTokens');
  expect(op('/v1/models', 'get').operationId).toBe('listModels');
  expect(op('/v1/models/{model_id}', 'get').operationId).toBe('getModel');
  // As the loader hands them out.
  const shape = (id: 'count_tokens' | 'models_list' | 'models_retrieve') => {
    const o = contract.operation(id);
    return { method: o.method, path: o.path, requestSchema: o.requestSchema, responseSchema: o.responseSchema };
  };
  expect(shape('count_tokens')).toEqual({
    method: 'POST',
    path: '/v1/messages/count_tokens',
    requestSchema: 'CountMessageTokensParams',
    responseSchema: 'MessageTokensCount',
  });
  expect(shape('models_list')).toEqual({
    method: 'GET',
    path: '/v1/models',
    requestSchema: undefined,
    responseSchema: 'ModelListResponse',
  });
  expect(shape('models_retrieve')).toEqual({
    method: 'GET',
    path: '/v1/models/{model_id}',
    requestSchema: undefined,
    responseSchema: 'ModelInfo',
  });
  expect(
    contract
      .operation('count_tokens')
      .validateResponseBody(200, { input_tokens: 'many' })
      .map((i) => i.path),
  ).toEqual(['/input_tokens']);
  expect(
    contract
      .operation('count_tokens')
      .validateRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], mcp_servers: [] })
      .map((i) => i.message),
  ).toEqual(['must NOT have additional properties (mcp_servers)']);
  expect(
    contract
      .operation('count_tokens')
      .validateRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], mcp_servers: [] }, { beta: true }),
  ).toEqual([]);
});

test('count_tokens: every member it shares with CreateMessageParams is the very same schema', () => {
  const count = props('CountMessageTokensParams');
  const create = props('CreateMessageParams');
  expect(Object.keys(count).sort()).toEqual([
    'cache_control',
    'context_management',
    'mcp_servers',
    'messages',
    'model',
    'output_config',
    'output_format',
    'speed',
    'system',
    'thinking',
    'tool_choice',
    'tools',
  ]);
  for (const name of Object.keys(count))
    expect({ name, same: count[name] === create[name] }).toEqual({ name, same: true });
  expect(schemas().CountMessageTokensParams!.required).toEqual(['messages', 'model']);
  const nonBeta = Object.keys(contract.jsonSchema('CountMessageTokensParams', { beta: false }).properties as object);
  expect(nonBeta.sort()).toEqual([
    'cache_control',
    'messages',
    'model',
    'output_config',
    'speed',
    'system',
    'thinking',
    'tool_choice',
    'tools',
  ]);
});

test('count_tokens: request examples validate; generation members are extra inputs', () => {
  const examples = (op('/v1/messages/count_tokens', 'post').requestBody as OpenAPIV3.RequestBodyObject).content[
    'application/json'
  ]!.examples!;
  expect(Object.keys(examples)).toContain('hello');
  for (const [name, example] of Object.entries(examples))
    expect({
      name,
      issues: contract.validate('CountMessageTokensParams', (example as OpenAPIV3.ExampleObject).value),
    }).toEqual({ name, issues: [] });
  const hello = (examples.hello as OpenAPIV3.ExampleObject).value as object;
  expect(contract.validate('CountMessageTokensParams', { ...hello, max_tokens: 5 }).map((i) => i.message)).toEqual([
    'must NOT have additional properties (max_tokens)',
  ]);
  expect(
    contract
      .validate('CountMessageTokensParams', { messages: [] })
      .map((i) => i.keyword)
      .sort(),
  ).toEqual(['minItems', 'required']);
});

test('every response example of the new operations validates against its schema', () => {
  const roots: Array<[string, 'get' | 'post', string]> = [
    ['/v1/messages/count_tokens', 'post', 'MessageTokensCount'],
    ['/v1/models', 'get', 'ModelListResponse'],
    ['/v1/models/{model_id}', 'get', 'ModelInfo'],
  ];
  for (const [path, method, schema] of roots) {
    const ok = op(path, method).responses['200'] as OpenAPIV3.ResponseObject;
    const examples = Object.values(ok.content!['application/json']!.examples!);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples)
      expect({ path, issues: contract.validate(schema, (example as OpenAPIV3.ExampleObject).value) }).toEqual({
        path,
        issues: [],
      });
    // The same headers and error answers as /v1/messages.
    expect(ok.headers).toEqual((op('/v1/messages', 'post').responses['200'] as OpenAPIV3.ResponseObject).headers);
    for (const status of ['400', '401', '403', '404', '429', '500', '529'])
      expect(op(path, method).responses[status]).toEqual(op('/v1/messages', 'post').responses[status]);
  }
});

test('responses are open, the 2026 ModelInfo members optional, a wrong known member still fails', () => {
  const old = {
    type: 'model',
    id: 'claude-3-haiku-20240307',
    display_name: 'Claude Haiku 3',
    created_at: '2024-03-07T00:00:00Z',
  };
  expect(contract.validate('ModelInfo', old)).toEqual([]);
  expect(
    contract.validate('ModelInfo', {
      ...old,
      created_at: '1970-01-01T00:00:00Z',
      max_input_tokens: null,
      max_tokens: 4096,
      capabilities: { batch: { supported: true } },
      lifecycle: 'active',
      line: 'haiku',
      new_member: 1,
    }),
  ).toEqual([]);
  expect(contract.validate('ModelInfo', { ...old, max_tokens: '4096' }).map((i) => i.path)).toEqual(['/max_tokens']);
  expect(contract.validate('ModelInfo', { ...old, created_at: 'yesterday' }).map((i) => i.path)).toEqual([
    '/created_at',
  ]);
  expect(
    contract.validate('ModelInfo', { id: 'x', display_name: 'X', created_at: old.created_at }).map((i) => i.message),
  ).toEqual(["must have required property 'type'"]);
  expect(
    contract.validate('MessageTokensCount', {
      input_tokens: 3,
      context_management: { original_input_tokens: 5 },
      other: true,
    }),
  ).toEqual([]);
  expect(contract.validate('MessageTokensCount', { input_tokens: -1 }).map((i) => i.path)).toEqual(['/input_tokens']);
  expect(contract.validate('ModelListResponse', { data: [], first_id: null, last_id: null, has_more: false })).toEqual(
    [],
  );
  expect(
    contract.validate('ModelListResponse', { data: [], first_id: null, has_more: false }).map((i) => i.message),
  ).toEqual(["must have required property 'last_id'"]);
});

test('models list: limit 1..1000, default 20; cursors are strings', () => {
  const params = op('/v1/models', 'get').parameters as OpenAPIV3.ParameterObject[];
  const query = Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
  expect(query).toEqual({
    before_id: { type: 'string' },
    after_id: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 20 },
    'lifecycle[]': { type: 'array', maxItems: 3, items: { type: 'string', enum: ['active', 'deprecated', 'retired'] } },
  });
  expect(params.filter((p) => p.in === 'header').map((p) => [p.name, p.required])).toEqual([
    ['anthropic-version', true],
    ['anthropic-beta', false],
    ['anthropic-workspace-id', false],
  ]);
  expect(
    (op('/v1/models/{model_id}', 'get').parameters as OpenAPIV3.ParameterObject[]).find((p) => p.in === 'path'),
  ).toMatchObject({ name: 'model_id', required: true });
});
