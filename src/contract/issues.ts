/**
 * Makes schema errors on unions readable. Ajv reports every branch of a `oneOf` that failed, so a
 * bad content block yields ten errors. Our unions are tagged by `type` (the spec keeps `discriminator`
 * out of validation: Ajv supports it only in a restricted form): a branch whose `type` rule failed is
 * not the one the value meant, so its errors are dropped, and the `oneOf` summary goes when a meant
 * branch explains it. Only a value that sits at a union (a failed `oneOf`/`anyOf` at its own path)
 * has branches to set aside: a whole object with a wrong tag (a `ModelInfo` whose `type` is 5) keeps
 * every issue, its tag's included, and a value that matches no branch keeps the union's summary.
 */
import type { SchemaIssue } from './spec';

const TYPE_KEYWORDS = new Set(['enum', 'not', 'pattern', 'const']);
const UNION_KEYWORDS = new Set(['oneOf', 'anyOf']);

/**
 * The schema paths of the union branches an issue lies in, outermost first (`…/oneOf/2`,
 * `…/oneOf/2/…/oneOf/0`). A validator that follows `$ref`s reports paths from the referenced
 * component (`#/components/schemas/TextBlock/…`), losing the union that referred to it: the
 * component then stands for its branch.
 */
function branchesOf(schemaPath: string): string[] {
  const out: string[] = [];
  const component = /^(#\/components\/schemas\/[^/]+)/.exec(schemaPath);
  if (component) out.push(component[1]!);
  for (const m of schemaPath.matchAll(/\/(?:oneOf|anyOf)\/\d+/g)) out.push(schemaPath.slice(0, m.index + m[0].length));
  return out;
}
const branchOf = (schemaPath: string): string => branchesOf(schemaPath).at(-1) ?? '';
const under = (path: string, parent: string) => path === parent || parent === '/' || path.startsWith(`${parent}/`);
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';

export function simplifyIssues(issues: SchemaIssue[]): SchemaIssue[] {
  const unionValues = new Set(issues.filter((i) => UNION_KEYWORDS.has(i.keyword)).map((i) => i.path));
  // A branch the value did not mean: its `type` tag failed, at a value that a union judged.
  const mismatched = issues
    .filter((i) => i.path.endsWith('/type') && TYPE_KEYWORDS.has(i.keyword) && unionValues.has(parentOf(i.path)))
    .map((i) => ({ value: parentOf(i.path), branch: branchOf(i.schemaPath) }))
    .filter((m) => m.branch);
  // An issue inside such a branch, for that value (at any depth of nesting unions), is noise.
  const kept = issues.filter(
    (i) => !mismatched.some((m) => under(i.path, m.value) && branchesOf(i.schemaPath).includes(m.branch)),
  );
  return kept.filter(
    (i) => i.keyword !== 'oneOf' || !kept.some((o) => o !== i && o.keyword !== 'oneOf' && under(o.path, i.path)),
  );
}
