/**
 * The versioning rule's tolerant half (info.description of the spec): a response may carry values
 * the spec does not list yet. This walks a value along its (dereferenced) schema and names every
 * string outside an open enum's `x-known-values`, and every object whose `type` falls to an open
 * union's last branch (`x-open-variant`), so that a check can report them as warnings. Union
 * branches are chosen by their `type` tag, as the schema's own unions are tagged.
 */
type Schema = Record<string, unknown>;

export interface NewValue {
  /** JSON pointer of the value, e.g. `/content/3/type`. */
  path: string;
  value: string;
  /** What the spec lists there. */
  known: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `type` tag a union branch accepts: its enum, or everything but its `not` enum. */
function tagOf(branch: Schema): { enum?: string[]; not?: string[] } {
  const type = (branch.properties as Record<string, Schema> | undefined)?.type;
  return {
    enum: type?.enum as string[] | undefined,
    not: (type?.not as Schema | undefined)?.enum as string[] | undefined,
  };
}

function fits(branch: Schema, v: unknown): boolean {
  if (Array.isArray(branch.allOf)) return (branch.allOf as Schema[]).every((p) => fits(p, v));
  if (branch.type === 'array') return Array.isArray(v);
  if (branch.type === 'string') return typeof v === 'string';
  if (branch.type === 'integer' || branch.type === 'number') return typeof v === 'number';
  if (branch.type === 'boolean') return typeof v === 'boolean';
  if (!isObject(v)) return false;
  const tag = tagOf(branch);
  if (tag.enum) return tag.enum.includes(v.type as string);
  if (tag.not) return typeof v.type === 'string' && !tag.not.includes(v.type);
  return true;
}

export function newValues(schema: Schema, value: unknown): NewValue[] {
  const out: NewValue[] = [];
  const walk = (s: Schema | undefined, v: unknown, path: string): void => {
    if (!s || typeof s !== 'object' || v === null || v === undefined) return;
    if (s['x-reported-by']) return; // a check of its own reports it (stop_reason_known)
    for (const part of (s.allOf as Schema[] | undefined) ?? []) walk(part, v, path);
    const union = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
    if (union)
      walk(
        union.find((b) => fits(b, v)),
        v,
        path,
      );
    if (s['x-open-variant'] && isObject(v) && typeof v.type === 'string') {
      const tag = (s.properties as Record<string, Schema> | undefined)?.type;
      const known = [
        ...(((tag?.not as Schema | undefined)?.enum as string[]) ?? []),
        ...((tag?.['x-known-values'] as string[]) ?? []),
      ];
      if (!known.includes(v.type)) out.push({ path: `${path}/type`, value: v.type, known });
      return; // its members are unknown too: nothing more to name
    }
    const known = s['x-known-values'] as string[] | undefined;
    if (known && typeof v === 'string' && !known.includes(v)) out.push({ path, value: v, known });
    if (isObject(v) && isObject(s.properties))
      for (const [k, p] of Object.entries(s.properties as Record<string, Schema>))
        if (k in v) walk(p, v[k], `${path}/${k}`);
    if (Array.isArray(v) && isObject(s.items)) v.forEach((x, i) => walk(s.items as Schema, x, `${path}/${i}`));
  };
  walk(schema, value, '');
  return out;
}
