/**
 * fast-check arbitraries read from the spec's JSON Schemas, so bounds live in the spec only: change
 * `max_tokens.maximum` there and the generated bodies follow. Covers the keywords our request schema
 * uses (type, enum, oneOf, properties/required, min/max, lengths, items, pattern). `cap` narrows a
 * numeric or length range further, e.g. to keep generated max_tokens cheap against a paid API.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;

export interface Limits {
  /** Upper bound for numbers and lengths the schema leaves open or sets very high. */
  cap?: number;
}

export function arbitraryFor(schema: Schema, limits: Limits = {}): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]).filter((v) => v !== null));
  const variants = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (variants) return fc.oneof(...variants.map((v) => arbitraryFor(v, limits)));
  const type = Array.isArray(schema.type)
    ? (schema.type as string[]).find((t) => t !== 'null')
    : (schema.type as string | undefined);
  const cap = limits.cap ?? 1000;
  switch (type) {
    case 'integer': {
      const min = Number(schema.minimum ?? 0);
      return fc.integer({ min, max: Math.min(Number(schema.maximum ?? min + cap), min + cap) });
    }
    case 'number': {
      const min = Number(schema.minimum ?? 0);
      const max = Math.min(Number(schema.maximum ?? min + cap), min + cap);
      // Both ends are always among the values tried.
      return fc.oneof(
        fc.constantFrom(min, max),
        fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => Math.round(x * 1000) / 1000),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'string': {
      // Long repeats are slow to draw and rarely interesting; the longest length is a named boundary case.
      if (typeof schema.pattern === 'string')
        return fc.stringMatching(
          new RegExp(
            schema.pattern.replace(
              /\{(\d+),(\d+)\}/g,
              (_m, lo: string, hi: string) => `{${lo},${Math.max(Number(lo), Math.min(Number(hi), 24))}}`,
            ),
          ),
        );
      const minLength = Number(schema.minLength ?? 0);
      return fc.string({
        minLength,
        maxLength: Math.min(Number(schema.maxLength ?? minLength + 24), minLength + 24),
        unit: 'grapheme-ascii',
      });
    }
    case 'array': {
      const minLength = Number(schema.minItems ?? 0);
      return fc.array(arbitraryFor((schema.items ?? {}) as Schema, limits), {
        minLength,
        maxLength: Math.min(Number(schema.maxItems ?? minLength + 3), minLength + 3),
      });
    }
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, arbitraryFor(s, limits)]));
      return fc.record(model, { requiredKeys: (schema.required as string[] | undefined) ?? [] });
    }
    default:
      return fc.constant({});
  }
}

/** The `{min,max}` length a pattern such as `^[a-zA-Z0-9_-]{1,128}$` allows. */
export function patternLengths(pattern: string): { min: number; max: number } | undefined {
  const m = /\{(\d+),(\d+)\}\$?$/.exec(pattern);
  return m ? { min: Number(m[1]), max: Number(m[2]) } : undefined;
}

/** The smallest thinking budget the spec allows (ThinkingConfig's enabled form, budget_tokens.minimum). */
export function thinkingBudgetMinimum(contract: {
  jsonSchema(name: string, o?: { beta?: boolean }): Record<string, unknown>;
}): number {
  const enabled = (contract.jsonSchema('ThinkingConfig', { beta: false }).oneOf as Schema[])[0]!;
  return Number((enabled.properties as Record<string, Schema>).budget_tokens!.minimum);
}
