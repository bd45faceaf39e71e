/**
 * Makes schema errors on unions readable. Ajv reports every branch of a `oneOf` that failed, so a
 * bad content block yields ten errors. Our unions are tagged by `type` (the spec keeps `discriminator`
 * out of validation: Ajv supports it only in a restricted form): a branch whose `type` rule failed is not the one the value
 * meant, so its errors are dropped, and the `oneOf` summary goes when a meant branch explains it.
 */
import type { SchemaIssue } from './spec';

const TYPE_KEYWORDS = new Set(['enum', 'not', 'pattern', 'const']);

/** The schema path of the union branch an issue comes from. */
function branchOf(schemaPath: string): string {
  const union = /^(.*\/(?:oneOf|anyOf)\/\d+)/.exec(schemaPath);
  if (union) return union[1]!;
  const component = /^(#\/components\/schemas\/[^/]+)/.exec(schemaPath);
  return component ? component[1]! : '';
}

export function simplifyIssues(issues: SchemaIssue[]): SchemaIssue[] {
  const mismatched = new Set(
    issues.filter((i) => i.path.endsWith('/type') && TYPE_KEYWORDS.has(i.keyword)).map((i) => branchOf(i.schemaPath)).filter(Boolean),
  );
  const kept = issues.filter((i) => i.keyword === 'oneOf' || !mismatched.has(branchOf(i.schemaPath)));
  return kept.filter(
    (i) => i.keyword !== 'oneOf' || !kept.some((o) => o !== i && o.keyword !== 'oneOf' && (o.path === i.path || o.path.startsWith(`${i.path}/`))),
  );
}
