/**
 * The one place that loads the contract. It reads `openapi/anthropic-messages-api-openapi.yml`
 * with swagger-parser (which resolves its `$ref`s; the tests validate it) once per process, and hands out
 * schemas, compiled validators and the facts the spec states (error type per status, model ceilings).
 * Nothing else in the code restates a rule the spec states.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { type ValidateFunction, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import OpenAPIResponseValidator from 'openapi-response-validator';
import type { OpenAPIV3 } from 'openapi-types';
import { toJsonSchema } from './json-schema';
import { simplifyIssues } from './issues';
import { newValues, type NewValue } from './known-values';
import { OPERATION_IDS, OPERATION_NAMES, type OperationGroup, type OperationId, type ResponseKind } from './operations';

export const SPEC_PATH = path.resolve(__dirname, '../../openapi/anthropic-messages-api-openapi.yml');

export interface SchemaIssue {
  /** JSON pointer into the validated value, e.g. `/messages/0/content`. */
  path: string;
  /** Ajv keyword that failed (`required`, `maximum`, …). */
  keyword: string;
  message: string;
  /** Where the rule is in the schema, e.g. `#/properties/max_tokens/minimum`. */
  schemaPath: string;
  /** Ajv's parameters of the failed keyword (`missingProperty`, `limit`, `allowedValues`, …). */
  params?: Record<string, unknown>;
}

/** One operation of the spec, as a value: what the client sends and what checks judge answers by. */
export interface Operation {
  id: OperationId;
  group: OperationGroup;
  /** What a 200 answer is (a Message, a token count, a page of models, a model). */
  kind: ResponseKind;
  /** The spec's operationId. */
  operationId: string;
  method: 'GET' | 'POST';
  /** The path template, e.g. `/v1/models/{model_id}`. */
  path: string;
  /** The component schema of the JSON request body (none for GET). */
  requestSchema?: string;
  /** The component schema of the 200 JSON body. */
  responseSchema?: string;
  /** Statuses the operation documents. */
  documentedStatuses: number[];
  /** Validate a request body; beta requests may use the parts marked `x-anthropic-beta`. */
  validateRequest(body: unknown, options?: { beta?: boolean }): SchemaIssue[];
  /** Validate a JSON response body for a status with openapi-response-validator. */
  validateResponseBody(status: number, body: unknown): SchemaIssue[];
  /** Issues with the headers a response carries, against those the spec declares for its status (absent optional ones pass). */
  validateHeaders(status: number, headers: Record<string, string | undefined>): SchemaIssue[];
  /** Named request examples (bodies for POST, `{path, query}` parameters for GET). */
  requestExample(name: string): unknown;
  /** Names of the request examples. */
  exampleNames: string[];
}

export interface Contract {
  /** The operations the spec describes, by our id (those the spec lacks are absent). */
  operations: Partial<Record<OperationId, Operation>>;
  /** An operation the spec must describe (throws naming it otherwise). */
  operation(id: OperationId): Operation;
  /** The operation a request calls, by method and path (any prefix before `/v1/…` allowed: gateways, sandboxes). */
  operationAt(method: string, pathname: string): Operation | undefined;
  /** The spec as written (with `$ref`s); openapi-response-validator resolves them itself. */
  raw: OpenAPIV3.Document;
  /** The spec with every `$ref` resolved. */
  deref: OpenAPIV3.Document;
  /** sha256 of the spec file, for reports. */
  hash: string;
  version: string;
  /** Validate a value against a named component schema (`Message`, `MessageStreamEvent`, …). */
  validate(schemaName: string, value: unknown): SchemaIssue[];
  /** `POST /v1/messages`'s request validation (operation('messages').validateRequest). */
  validateRequest(body: unknown, options?: { beta?: boolean }): SchemaIssue[];
  /** The JSON Schema (dereferenced, converted) of a named component. */
  jsonSchema(schemaName: string, options?: { beta?: boolean }): Record<string, unknown>;
  /** `POST /v1/messages`'s response validation (operation('messages').validateResponseBody). */
  validateResponseBody(status: number, body: unknown): SchemaIssue[];
  /** Statuses `POST /v1/messages` documents. */
  documentedStatuses: number[];
  /** The documented `error.type` values for an error status, or undefined if none is pinned. */
  errorTypesFor(status: number): string[] | undefined;
  /** Documented stop reasons (the enum itself is open). */
  knownStopReasons: string[];
  /** Another API's stop vocabulary -> the Anthropic value meant (StopReason x-foreign-values). */
  foreignStopReasons: Record<string, string>;
  /** Values in a response the spec does not list yet (open enums, open unions): the versioning rule's warnings. */
  newValues(schemaName: string, value: unknown): NewValue[];
  /** Delta types each content block kind takes (its `x-delta-types`); kinds not listed are not constrained. */
  deltaTypes: Record<string, string[]>;
  /** `POST /v1/messages`'s header validation (operation('messages').validateHeaders). */
  validateHeaders(status: number, headers: Record<string, string | undefined>): SchemaIssue[];
  /** The model table (`info.x-models`): every model id and alias the real API serves or served. */
  models: Record<string, ModelEntry>;
  /** Per-model output ceilings where a source gives one (from `info.x-models`; an alias inherits its target's). */
  modelMaxOutputTokens: Record<string, number>;
  /** Named request examples of `POST /v1/messages`. */
  requestExample(name: string): unknown;
  /** Values of the required `anthropic-version` header. */
  anthropicVersions: string[];
  /** The request schema's bounds for one property (`minimum`, `maximum`, …). */
  requestProperty(name: string): Record<string, unknown>;
}

export interface ModelEntry {
  /** The output ceiling, where a public source gives one. */
  maxOutputTokens?: number;
  /** The dated id this alias answers as. */
  aliasOf?: string;
  /** False where the model refuses assistant prefill. */
  prefill?: boolean;
  /** The `output_config.effort` levels the model accepts, where it refuses others. */
  effort?: string[];
}

let loading: Promise<Contract> | undefined;

/** Loads the contract once per process (per jest module registry). */
export function loadContract(specPath = SPEC_PATH): Promise<Contract> {
  if (specPath !== SPEC_PATH) return buildContract(specPath);
  loading ??= buildContract(specPath);
  return loading;
}

async function buildContract(specPath: string): Promise<Contract> {
  const text = readFileSync(specPath, 'utf8');
  const raw = (await SwaggerParser.parse(specPath)) as OpenAPIV3.Document;
  // Resolved, not validated again: validating against the OpenAPI meta-schema costs a second per
  // process, and the shipped spec is validated by our tests (tests/unit/spec.test.ts) before release.
  const deref = (await SwaggerParser.dereference(structuredClone(raw) as never)) as OpenAPIV3.Document;
  const schemas = deref.components!.schemas as Record<string, Record<string, unknown>>;

  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const converted = new Map<string, Record<string, unknown>>();
  const jsonSchema = (name: string, options: { beta?: boolean } = {}): Record<string, unknown> => {
    // Beta parts are kept unless asked otherwise (toJsonSchema's default): the key says which.
    const beta = options.beta ?? true;
    const key = `${name}:${beta}`;
    let out = converted.get(key);
    if (!out) {
      const schema = schemas[name];
      if (!schema) throw new Error(`contract: no schema named ${name} in ${specPath}`);
      out = toJsonSchema(schema, { beta }) as Record<string, unknown>;
      converted.set(key, out);
    }
    // Callers may change what they get: each gets its own copy.
    return structuredClone(out);
  };
  const validator = (name: string, beta: boolean): ValidateFunction => {
    const key = `${name}:${beta}`;
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile(jsonSchema(name, { beta }));
      compiled.set(key, fn);
    }
    return fn;
  };
  const run = (fn: ValidateFunction, value: unknown): SchemaIssue[] =>
    tooDeep(value) ?? (fn(value) ? [] : simplifyIssues((fn.errors ?? []).map(toIssue)));

  const buildOperation = (id: OperationId): Operation | undefined => {
    const names = OPERATION_NAMES[id];
    for (const [path, item] of Object.entries(deref.paths)) {
      for (const method of ['get', 'post'] as const) {
        const op = item?.[method];
        if (op?.operationId !== names.operationId) continue;
        return operationOf(id, path, method, op, raw.paths[path]![method]!);
      }
    }
    return undefined;
  };
  const operationOf = (
    id: OperationId,
    path: string,
    method: 'get' | 'post',
    operation: OpenAPIV3.OperationObject,
    rawOperation: OpenAPIV3.OperationObject,
  ): Operation => {
    const names = OPERATION_NAMES[id];
    const validateResponseBody = responseBodyValidator(raw, resolveResponseRefs(raw, rawOperation.responses));
    const documentedStatuses = Object.keys(operation.responses).map(Number).filter(Number.isInteger);
    const headerValidators = new Map<number, Array<{ name: string; fn: ValidateFunction }>>();
    for (const status of documentedStatuses) {
      const declared = (operation.responses[String(status)] as OpenAPIV3.ResponseObject).headers ?? {};
      headerValidators.set(
        status,
        Object.entries(declared).map(([name, h]) => {
          const header = h as OpenAPIV3.HeaderObject;
          return { name: name.toLowerCase(), fn: ajv.compile(toJsonSchema(header.schema) as object) };
        }),
      );
    }
    const requestSchema = refName(
      (rawOperation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content?.['application/json']?.schema,
    );
    const ok = rawOperation.responses['200'] as OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject | undefined;
    const responseSchema = ok && !('$ref' in ok) ? refName(ok.content?.['application/json']?.schema) : undefined;
    const examples = ((operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json']
      ?.examples ??
      (operation as unknown as Record<string, unknown>)['x-request-examples'] ??
      {}) as Record<string, OpenAPIV3.ExampleObject>;
    return {
      id,
      group: names.group,
      kind: names.kind,
      operationId: names.operationId,
      method: method === 'get' ? 'GET' : 'POST',
      path,
      requestSchema,
      responseSchema,
      documentedStatuses,
      validateRequest: (body, options = {}) =>
        requestSchema ? run(validator(requestSchema, options.beta ?? false), body) : [],
      validateResponseBody,
      validateHeaders: (status, headers) =>
        // A missing required one (request-id) is request_id_header's finding: only values are judged here.
        (headerValidators.get(status) ?? []).flatMap(({ name, fn }) => {
          const value = headers[name];
          if (value === undefined) return [];
          return fn(value)
            ? []
            : (fn.errors ?? []).map((e) => ({
                ...toIssue(e),
                path: name,
                message: `${toIssue(e).message} (got ${JSON.stringify(String(value).slice(0, 80))})`,
              }));
        }),
      requestExample: (name) => {
        const example = examples[name];
        if (!example) throw new Error(`contract: ${names.operationId} has no request example named ${name}`);
        return structuredClone(example.value);
      },
      exampleNames: Object.keys(examples),
    };
  };
  const operations: Partial<Record<OperationId, Operation>> = {};
  for (const id of OPERATION_IDS) {
    const op = buildOperation(id);
    if (op) operations[id] = op;
  }
  const operationById = (id: OperationId): Operation => {
    const op = operations[id];
    if (!op) throw new Error(`contract: ${specPath} describes no ${OPERATION_NAMES[id].operationId} operation`);
    return op;
  };
  const messages = operationById('messages');
  const matchers = Object.values(operations).map((op) => ({
    op,
    re: new RegExp(`${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const operation = deref.paths[messages.path]!.post!;
  const errorTypes = new Map<number, string[]>();
  for (const status of messages.documentedStatuses) {
    if (status < 400) continue;
    const response = operation.responses[String(status)] as OpenAPIV3.ResponseObject;
    const schema = response.content?.['application/json']?.schema as Record<string, unknown> | undefined;
    const types = findErrorTypeEnum(schema);
    if (types) errorTypes.set(status, types);
  }
  const versionParam = (operation.parameters as OpenAPIV3.ParameterObject[]).find(
    (p) => p.name === 'anthropic-version',
  );
  const models = readModels((deref.info as unknown as Record<string, unknown>)['x-models']);

  return {
    raw,
    deref,
    hash: createHash('sha256').update(text).digest('hex'),
    version: deref.info.version,
    operations,
    operation: operationById,
    operationAt: (method, pathname) =>
      matchers.find(({ op, re }) => op.method === method.toUpperCase() && re.test(pathname.replace(/\/+$/, '')))?.op,
    validate: (name, value) => run(validator(name, true), value),
    validateRequest: messages.validateRequest,
    jsonSchema,
    validateResponseBody: messages.validateResponseBody,
    documentedStatuses: messages.documentedStatuses,
    errorTypesFor: (status) => errorTypes.get(status),
    knownStopReasons: (schemas.StopReason['x-known-values'] as string[]) ?? [],
    foreignStopReasons: (schemas.StopReason['x-foreign-values'] as Record<string, string>) ?? {},
    newValues: (name, value) => {
      const schema = schemas[name];
      if (!schema) throw new Error(`contract: no schema named ${name} in ${specPath}`);
      return nestingDepth(value) > MAX_NESTING ? [] : newValues(schema, value);
    },
    deltaTypes: Object.fromEntries(
      ((schemas.ContentBlock.oneOf as Array<Record<string, unknown>>) ?? [])
        .filter((b) => Array.isArray(b['x-delta-types']))
        .flatMap((b) =>
          (((b.properties as Record<string, Record<string, unknown>>).type.enum as string[]) ?? []).map((t) => [
            t,
            b['x-delta-types'] as string[],
          ]),
        ),
    ),
    validateHeaders: messages.validateHeaders,
    models,
    modelMaxOutputTokens: Object.fromEntries(
      Object.entries(models).flatMap(([id, m]) => {
        const max = m.maxOutputTokens ?? (m.aliasOf ? models[m.aliasOf]?.maxOutputTokens : undefined);
        return max === undefined ? [] : [[id, max]];
      }),
    ),
    requestExample: messages.requestExample,
    anthropicVersions: ((versionParam?.schema as OpenAPIV3.SchemaObject | undefined)?.enum ?? []) as string[],
    requestProperty: (name) => {
      const prop = (schemas.CreateMessageParams.properties as Record<string, Record<string, unknown>>)[name];
      if (!prop) throw new Error(`contract: CreateMessageParams has no property ${name}`);
      return prop;
    },
  };
}

/**
 * Deeper than this, a value is not validated but reported: a hostile answer nested 10,000 levels
 * deep overflows the stack of structuredClone, JSON.stringify and recursive validators alike, and
 * clients cannot read it either (Python's json module stops at its recursion limit of 1000,
 * https://docs.python.org/3/library/sys.html#sys.getrecursionlimit).
 */
export const MAX_NESTING = 1000;

/** How deep objects and arrays nest in a value, counted without recursion; stops once past `limit`. */
export function nestingDepth(value: unknown, limit = MAX_NESTING): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return max;
}

/** The issue a value nested past MAX_NESTING gets instead of validation. */
function tooDeep(value: unknown): SchemaIssue[] | undefined {
  if (nestingDepth(value) <= MAX_NESTING) return undefined;
  return [
    {
      path: '/',
      keyword: 'maxNesting',
      message: `nested more than ${MAX_NESTING} levels deep: not validated (clients cannot parse it either)`,
      schemaPath: '#',
    },
  ];
}

/**
 * Validates response bodies by status with openapi-response-validator, against responses as the spec
 * writes them (schema `$ref`s into `raw.components`, which it resolves itself).
 */
/**
 * The components an operation's responses reach through `$ref`s: the validator transforms and
 * compiles every component it is given, so each operation gets only its own (a start-up cost that
 * was paid four times over for the whole spec).
 */
function componentsUsedBy(raw: OpenAPIV3.Document, responses: Record<string, unknown>): OpenAPIV3.ComponentsObject {
  const all = raw.components ?? {};
  const used: Record<string, Set<string>> = {};
  const stack: unknown[] = [responses];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    const ref = (v as { $ref?: unknown }).$ref;
    const m = typeof ref === 'string' ? /^#\/components\/(\w+)\/(.+)$/.exec(ref) : null;
    if (m && !(used[m[1]!] ??= new Set()).has(m[2]!)) {
      used[m[1]!]!.add(m[2]!);
      stack.push((all as Record<string, Record<string, unknown> | undefined>)[m[1]!]?.[m[2]!]);
    }
    stack.push(...Object.values(v));
  }
  return Object.fromEntries(
    Object.entries(used).map(([kind, names]) => [
      kind,
      Object.fromEntries([...names].map((n) => [n, (all as Record<string, Record<string, unknown>>)[kind]![n]])),
    ]),
  ) as OpenAPIV3.ComponentsObject;
}

export function responseBodyValidator(
  raw: OpenAPIV3.Document,
  responses: Record<string, unknown>,
): (status: number, body: unknown) => SchemaIssue[] {
  const validator = new OpenAPIResponseValidator({
    responses: responses as never,
    components: componentsUsedBy(raw, responses) as never,
    // Its own Ajv knows no formats: the ones the response schemas use (container.expires_at, created_at).
    customFormats: {
      'date-time': (v: string) => (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate(v),
    },
    errorTransformer: (
      openapiError: { path?: string; message: string; errorCode?: string },
      ajvError: ErrorObject,
    ) => ({
      path: ajvError.instancePath.replace(/^\/response/, '') || '/',
      keyword: ajvError.keyword,
      message:
        ajvError.keyword === 'additionalProperties'
          ? `${ajvError.message} (${String((ajvError.params as { additionalProperty?: string }).additionalProperty)})`
          : openapiError.message,
      schemaPath: ajvError.schemaPath,
    }),
  } as never);
  return (status, body) => {
    const deep = tooDeep(body);
    if (deep) return deep;
    // The validator writes schema defaults into what it validates: give it a copy.
    const result = validator.validateResponse(status, structuredClone(body)) as
      { message: string; errors?: SchemaIssue[] } | undefined;
    if (!result) return [];
    return result.errors?.some((e) => e.keyword)
      ? simplifyIssues(result.errors)
      : [{ path: '/', keyword: 'status', message: result.message, schemaPath: '#/responses' }];
  };
}

/** The component name a `$ref` points at (`#/components/schemas/X` → `X`). */
function refName(schema: unknown): string | undefined {
  const ref = (schema as OpenAPIV3.ReferenceObject | undefined)?.$ref;
  return ref?.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
}

/** openapi-response-validator reads `content` of each response, so response-level `$ref`s are resolved here (schema `$ref`s stay). */
function resolveResponseRefs(raw: OpenAPIV3.Document, responses: OpenAPIV3.ResponsesObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(responses)) {
    const ref = (response as OpenAPIV3.ReferenceObject).$ref;
    out[status] = ref ? raw.components!.responses![ref.split('/').pop()!] : response;
  }
  return out;
}

function toIssue(e: ErrorObject): SchemaIssue {
  let message = e.message ?? e.keyword;
  if (e.keyword === 'additionalProperties')
    message += ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`;
  if (e.keyword === 'enum') message += `: ${JSON.stringify((e.params as { allowedValues?: unknown[] }).allowedValues)}`;
  return {
    path: e.instancePath || '/',
    keyword: e.keyword,
    message,
    schemaPath: e.schemaPath,
    params: e.params as Record<string, unknown>,
  };
}

/** `info.x-models` as data: `id: {max_output_tokens?, alias_of?}`, its own `x-` keys skipped. */
function readModels(table: unknown): Record<string, ModelEntry> {
  const out: Record<string, ModelEntry> = {};
  for (const [id, value] of Object.entries((table ?? {}) as Record<string, Record<string, unknown> | null>)) {
    if (id.startsWith('x-')) continue;
    const v = value ?? {};
    out[id] = {
      ...(typeof v.max_output_tokens === 'number' ? { maxOutputTokens: v.max_output_tokens } : {}),
      ...(typeof v.alias_of === 'string' ? { aliasOf: v.alias_of } : {}),
      ...(typeof v.prefill === 'boolean' ? { prefill: v.prefill } : {}),
      ...(Array.isArray(v.effort) ? { effort: v.effort.map(String) } : {}),
    };
  }
  return out;
}

/** Finds `error.type`'s enum in an error response schema (through allOf). */
function findErrorTypeEnum(schema: Record<string, unknown> | undefined): string[] | undefined {
  if (!schema) return undefined;
  const parts = [schema, ...((schema.allOf as Record<string, unknown>[]) ?? [])];
  for (const part of parts) {
    const error = (part.properties as Record<string, Record<string, unknown>> | undefined)?.error;
    if (!error) continue;
    for (const e of [error, ...((error.allOf as Record<string, unknown>[]) ?? [])]) {
      const type = (e.properties as Record<string, Record<string, unknown>> | undefined)?.type;
      if (Array.isArray(type?.enum)) return type.enum as string[];
    }
  }
  return undefined;
}
