/**
 * Turns an OpenAPI 3.0 schema object (already dereferenced) into plain JSON Schema that Ajv reads.
 * OpenAPI's `nullable` becomes a `null` type (and a `null` enum member: Ajv would otherwise reject
 * null against the enum), OpenAPI-only keywords are dropped, and, for non-beta requests, properties
 * and union variants marked `x-anthropic-beta` are removed so that they count as extra inputs.
 */
export interface ConvertOptions {
  /** Keep the parts marked `x-anthropic-beta: true`. @defaultValue true */
  beta?: boolean;
}

type Schema = Record<string, unknown>;

const DROPPED = new Set([
  'example',
  'examples',
  'discriminator',
  'xml',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

const isBeta = (s: unknown): boolean =>
  typeof s === 'object' && s !== null && (s as Schema)['x-anthropic-beta'] === true;

export function toJsonSchema(schema: unknown, options: ConvertOptions = {}): unknown {
  const beta = options.beta ?? true;
  const seen = new Map<object, unknown>();
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const cached = seen.get(node);
    if (cached) return cached;
    const src = node as Schema;
    const out: Schema = {};
    seen.set(node, out);
    for (const [key, value] of Object.entries(src)) {
      if (key.startsWith('x-') || DROPPED.has(key) || key === 'nullable') continue;
      if (key === 'properties' && value && typeof value === 'object') {
        const props: Schema = {};
        for (const [name, prop] of Object.entries(value as Schema)) {
          if (!beta && isBeta(prop)) continue;
          props[name] = walk(prop);
        }
        out.properties = props;
      } else if ((key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
        out[key] = value.filter((v) => beta || !isBeta(v)).map(walk);
      } else {
        out[key] = walk(value);
      }
    }
    if (src.nullable === true) addNull(out);
    return out;
  };
  return walk(schema);
}

function addNull(out: Schema): void {
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  else if (out.type === undefined) {
    // `nullable` next to allOf/oneOf (a nullable $ref): wrap, so that null is one more branch.
    const inner = { ...out };
    for (const k of Object.keys(out)) delete out[k];
    out.anyOf = [inner, { type: 'null' }];
  }
}
