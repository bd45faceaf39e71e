/**
 * TypeScript types from the spec's response schemas, so that tsc can compare them with the official
 * SDK's (tests/types/sdk-drift.ts). `node -r esbuild-register tests/types/generate.ts` rewrites
 * tests/types/spec-types.generated.ts; tests/unit/sdk-types.test.ts fails when that file is stale.
 *
 * The mapping: $ref -> the schema's name; object -> its properties (required ones without `?`);
 * nullable -> `| null`; enum and an open enum's x-known-values -> a union of literals (the SDK types
 * open enums the same way); oneOf/anyOf -> a union without its x-open-variant branch (the SDK has
 * no catch-all); allOf -> an intersection; an object without properties -> an index signature.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { SPEC_PATH } from '../../src/contract/spec';

type Schema = Record<string, unknown>;
/** The roots: every schema the suite judges a response with, and both request bodies (compared with the SDK's params, union by union). */
const ROOTS = [
  'FinalMessage',
  'MessageStreamEvent',
  'ErrorResponse',
  'MessageTokensCount',
  'ModelListResponse',
  'ModelInfo',
  'CountMessageTokensParams',
  'CreateMessageParams',
];
export const GENERATED = path.join(__dirname, 'spec-types.generated.ts');

export async function specTypes(specPath = SPEC_PATH): Promise<string> {
  const raw = (await SwaggerParser.parse(specPath)) as unknown as { components: { schemas: Record<string, Schema> } };
  const schemas = raw.components.schemas;
  const nameOf = (ref: string) => ref.split('/').pop()!;
  const resolve = (s: Schema): Schema => (typeof s.$ref === 'string' ? schemas[nameOf(s.$ref)]! : s);
  const wanted = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (typeof node !== 'object' || node === null) return;
    const ref = (node as Schema).$ref;
    if (typeof ref === 'string' && !wanted.has(nameOf(ref))) {
      wanted.add(nameOf(ref));
      collect(schemas[nameOf(ref)]);
    }
    Object.values(node).forEach(collect);
  };
  for (const r of ROOTS) collect({ $ref: `#/components/schemas/${r}` });

  const union = (parts: string[]) => [...new Set(parts)].join(' | ') || 'never';
  const ts = (s: Schema, indent: string): string => {
    if (typeof s.$ref === 'string') return nameOf(s.$ref);
    let t: string;
    const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
    if (Array.isArray(s.allOf)) t = (s.allOf as Schema[]).map((p) => `(${ts(p, indent)})`).join(' & ');
    else if (branches) t = union(branches.filter((b) => !resolve(b)['x-open-variant']).map((b) => ts(b, indent)));
    else if (Array.isArray(s.enum)) t = union((s.enum as unknown[]).map((v) => JSON.stringify(v)));
    else if (Array.isArray(s['x-known-values']) && s.type === 'string')
      t = union((s['x-known-values'] as string[]).map((v) => JSON.stringify(v)));
    else if (s.type === 'string') t = 'string';
    else if (s.type === 'integer' || s.type === 'number') t = 'number';
    else if (s.type === 'boolean') t = 'boolean';
    else if (s.type === 'array') t = `Array<${ts(s.items as Schema, indent)}>`;
    else if (s.properties) {
      const required = (s.required as string[] | undefined) ?? [];
      const lines = Object.entries(s.properties as Record<string, Schema>).map(
        ([k, p]) => `${indent}  ${k}${required.includes(k) ? '' : '?'}: ${ts(p, `${indent}  `)};`,
      );
      t = `{\n${lines.join('\n')}\n${indent}}`;
    } else if (s.type === 'object') t = '{ [key: string]: unknown }';
    else t = 'unknown';
    return s.nullable === true && t !== 'unknown' && !t.endsWith(' | null') && t !== 'null' ? `${t} | null` : t;
  };
  const out = [
    '/* Generated from openapi/anthropic-messages-api-openapi.yml by tests/types/generate.ts: do not edit. */',
    '/* eslint-disable */',
    ...[...wanted].sort().map((name) => `export type ${name} = ${ts(schemas[name]!, '')};`),
    '',
  ];
  return out.join('\n');
}

if (require.main === module) {
  void specTypes().then((text) => {
    writeFileSync(GENERATED, text);
    console.log(`wrote ${path.relative(process.cwd(), GENERATED)}`);
  });
}
