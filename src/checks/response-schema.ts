import { defineCheck, type Finding } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { is2xx, isJsonResponse, requestValid } from './conditions';
import type { SchemaIssue } from '../contract/spec';

/** Schema issues as findings; `schema` names the schema the paths are in (e.g. `responses.200`). */
export const issuesToFindings = (issues: SchemaIssue[], where = '', schema = 'Message'): Finding[] =>
  issues.map((i) => ({
    detail: `${where}${i.path === '/' ? 'body' : i.path}: ${i.message}`,
    key: `${i.path.replace(/\/\d+(?=\/|$)/g, '/*')}:${i.keyword}`,
    source: `openapi: ${schema} schema ${i.schemaPath}`,
  }));

/** A JSON 2xx body validates against the spec's schema for its status (openapi-response-validator). */
export const responseSchemaConformance = defineCheck({
  id: 'response_schema_conformance',
  title: 'Response violates schema',
  source: 'openapi: #/components/schemas/Message',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [isJsonResponse, is2xx, requestValid],
  run(ctx, ex) {
    const res = ex.response!;
    const op = ctx.contract.operation(ex.case.operation);
    if (!op.documentedStatuses.includes(res.status)) return [];
    if (res.json === undefined)
      return [{ detail: `Received a body that is not JSON: ${res.text.slice(0, 200) || '<EMPTY>'}`, key: 'not_json' }];
    return issuesToFindings(op.validateResponseBody(res.status, res.json), '', `responses.${res.status}`);
  },
});
