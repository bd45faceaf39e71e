/**
 * Makes schema errors on unions readable. Ajv reports every branch of a `oneOf` that failed, so a
 * bad content block yields ten errors. Our unions are tagged by `type` (the spec keeps `discriminator`
 * out of validation: Ajv supports it only in a restricted form): a branch whose `type` rule failed is not the one the value
 * meant, so its errors are dropped, and the `oneOf` summary goes when a meant branch explains it.
 */
import type { SchemaIssue } from './spec';

const TYPE_KEYWORDS = new Set(['enum', 'not', 'pattern', 'const']);

/** The schema paths of the union branches an issue lies in, outermost first (`…/oneOf/2`, `…/oneOf/2/…/oneOf/0`). */
function branchesOf(schemaPath: string): string[] {
  const out: string[] = [];
  for (const m of schemaPath.matchAll(/\/(?:oneOf|anyOf)\/\d+/g)) out.push(schemaPath.slice(0, m.index + m[0].length));
  const component = /^(#\/components\/schemas\/[^/]+)/.exec(schemaPath);
  return out.length ? out : component ? [component[1]!] : [];
}
const branchOf = (schemaPath: string): string => branchesOf(schemaPath).at(-1) ?? '';
const under = (path: string, parent: string) => path === parent || path.startsWith(parent === '/' ? '/' : `${parent}/`);

export function simplifyIssues(issues: SchemaIssue[]): SchemaIssue[] {
  const mismatched = new Set(
    issues.filter((i) => i.path.endsWith('/type') && TYPE_KEYWORDS.has(i.keyword)).map((i) => branchOf(i.schemaPath)).filter(Boolean),
  );
  // An issue inside a branch the value did not mean (at any depth of nesting unions) is noise.
  const kept = issues.filter((i) => !branchesOf(i.schemaPath).some((b) => mismatched.has(b)));
  return kept.filter((i) => i.keyword !== 'oneOf' || !kept.some((o) => o !== i && o.keyword !== 'oneOf' && under(o.path, i.path)));
}
