/**
 * A wrong `type` tag is a finding wherever the tagged object sits. Only a union's branches may be
 * set aside by their tag (they were not the one meant): a whole object with a wrong tag keeps every
 * issue, its tag's included, and a value that matches no branch of a union still yields one.
 */
import { loadContract, responseBodyValidator } from '../../src/contract/spec';
import { simplifyIssues } from '../../src/contract/issues';
import { minimalInstance } from '../../src/mock/instance';

type Schema = Record<string, unknown>;
const WRONG = 'not_a_known_tag';

/** Every component schema whose own `type` member is a tag (an enum of strings). */
async function taggedComponents(): Promise<Array<[string, string[]]>> {
  const c = await loadContract();
  const schemas = c.deref.components!.schemas as Record<string, Schema>;
  return Object.entries(schemas).flatMap(([name, s]) => {
    const tag = (s.properties as Record<string, Schema> | undefined)?.type?.enum;
    return Array.isArray(tag) && tag.every((t) => typeof t === 'string')
      ? [[name, tag as string[]] as [string, string[]]]
      : [];
  });
}

test('the components with a type tag are found (the test below covers them all)', async () => {
  const names = (await taggedComponents()).map(([n]) => n);
  expect(names.length).toBeGreaterThan(40);
  expect(names).toEqual(
    expect.arrayContaining([
      'ModelInfo',
      'TextBlock',
      'ErrorResponse',
      'RequestTextBlock',
      'WebSearchTool',
      'CacheControl',
    ]),
  );
});

describe('for every component with a type tag, a wrong tag fails validation', () => {
  test('nested in a response (the validator reports component paths)', async () => {
    const c = await loadContract();
    const tagged = await taggedComponents();
    const missed: string[] = [];
    for (const [name] of tagged) {
      // The component as a member of an answer: openapi-response-validator follows the $ref and
      // reports `#/components/schemas/<name>/…`, the path that used to lose the union around it.
      const validate = responseBodyValidator(c.raw, {
        200: {
          description: 'test',
          content: {
            'application/json': {
              schema: { type: 'object', required: ['x'], properties: { x: { $ref: `#/components/schemas/${name}` } } },
            },
          },
        },
      });
      const good = minimalInstance(c.jsonSchema(name)) as Schema;
      const issues = validate(200, { x: { ...good, type: WRONG } });
      if (!issues.some((i) => i.path === '/x/type')) missed.push(`${name}: ${JSON.stringify(issues)}`);
      // The right tag is never the complaint.
      expect(validate(200, { x: good }).filter((i) => i.path === '/x/type')).toEqual([]);
    }
    expect(missed).toEqual([]);
  });

  test("validated on its own (the loader's validator)", async () => {
    const c = await loadContract();
    const missed: string[] = [];
    for (const [name] of await taggedComponents()) {
      const good = minimalInstance(c.jsonSchema(name)) as Schema;
      if (!c.validate(name, { ...good, type: WRONG }).some((i) => i.path === '/type')) missed.push(name);
    }
    expect(missed).toEqual([]);
  });
});

describe('GET /v1/models answers with a wrong tag fail response_schema_conformance', () => {
  test('{"type":5}: the tag and every missing member', async () => {
    const c = await loadContract();
    const issues = c.operation('models_retrieve').validateResponseBody(200, { type: 5 });
    expect(issues.map((i) => `${i.path} ${i.keyword}`)).toEqual(
      expect.arrayContaining(['/type enum', '/type type', '/ required']),
    );
    expect(issues.filter((i) => i.keyword === 'required')).toHaveLength(3); // id, display_name, created_at
  });

  test('{"type":"model_info", … "created_at":"yesterday"}: the tag and the date', async () => {
    const c = await loadContract();
    const body = { type: 'model_info', id: 'x', display_name: 'X', created_at: 'yesterday' };
    expect(
      c
        .operation('models_retrieve')
        .validateResponseBody(200, body)
        .map((i) => `${i.path} ${i.keyword}`)
        .sort(),
    ).toEqual(['/created_at format', '/type enum']);
    // The same model inside a page (a component path: the case that used to drop everything).
    const page = { data: [body, { type: 5 }], first_id: 'x', last_id: 'x', has_more: false };
    const issues = c
      .operation('models_list')
      .validateResponseBody(200, page)
      .map((i) => `${i.path} ${i.keyword}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        '/data/0/type enum',
        '/data/0/created_at format',
        '/data/1/type enum',
        '/data/1 required',
      ]),
    );
  });
});

describe('unions: only a branch may be set aside by its tag', () => {
  test('a value that matches no branch of a closed union still yields a finding', async () => {
    const c = await loadContract();
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
      tool_choice: { type: 'required' },
    };
    const issues = c.validateRequest(body);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path.startsWith('/tool_choice'))).toBe(true);
  });

  test('a meant branch keeps its issues, the branches not meant are dropped', async () => {
    const c = await loadContract();
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'a', bogus: 1 }] }],
    };
    const issues = c.validateRequest(body).map((i) => `${i.path} ${i.keyword}`);
    // (`/messages/0/content type`: the string branch of `string | blocks`, which the mock's wording drops.)
    expect(issues.filter((i) => i.startsWith('/messages/0/content/'))).toEqual([
      '/messages/0/content/0 additionalProperties',
    ]);
  });

  test('one tagged value failing does not hide another value meant for that branch', () => {
    // Two blocks: /content/1 is not a text block (its TextBlock branch is set aside), /content/0
    // is one with a bad member: its TextBlock issue stays.
    const issues = simplifyIssues([
      {
        path: '/content/0/text',
        keyword: 'type',
        message: 'must be string',
        schemaPath: '#/components/schemas/TextBlock/properties/text/type',
      },
      {
        path: '/content/0',
        keyword: 'oneOf',
        message: 'must match exactly one schema',
        schemaPath: '#/components/schemas/ContentBlock/oneOf',
      },
      {
        path: '/content/1/type',
        keyword: 'enum',
        message: 'must be equal to one of the allowed values',
        schemaPath: '#/components/schemas/TextBlock/properties/type/enum',
      },
      {
        path: '/content/1',
        keyword: 'oneOf',
        message: 'must match exactly one schema',
        schemaPath: '#/components/schemas/ContentBlock/oneOf',
      },
    ]);
    expect(issues.map((i) => i.path)).toEqual(['/content/0/text', '/content/1']);
  });

  test('a whole object with a wrong tag keeps its issues (no union around it)', () => {
    const issues = simplifyIssues([
      {
        path: '/data/0/type',
        keyword: 'enum',
        message: 'must be equal to one of the allowed values',
        schemaPath: '#/components/schemas/ModelInfo/properties/type/enum',
      },
      {
        path: '/data/0',
        keyword: 'required',
        message: "must have required property 'id'",
        schemaPath: '#/components/schemas/ModelInfo/required',
      },
    ]);
    expect(issues).toHaveLength(2);
  });
});
