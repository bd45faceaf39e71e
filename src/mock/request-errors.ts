/**
 * A refused request body, in the real API's words. The API validates bodies with pydantic and
 * answers `<path>: <reason>`: a dotted path with zero-based indexes and the union variant's name
 * inserted after each tagged block (`messages.1.content.0.thinking.cache_control: Extra inputs are
 * not permitted`, `tools.3.custom.input_examples: …`), and pydantic's reason texts (`Field
 * required`, `Input should be a valid list`, `Input tag 'file' found using 'type' does not match
 * any of the expected tags: 'base64', 'url'`). Sources: the 400 bodies the API is recorded sending
 * (tests/fixtures/recorded/error-400-*.json) and quoted in public issues (anthropics/claude-code#4378,
 * #31033, #6774, #59812; tickernelz/opencode-mem#50; router-for-me/CLIProxyAPI#512); pydantic's own
 * texts for the rest (https://docs.pydantic.dev/latest/errors/validation_errors/).
 */
import type { Contract, SchemaIssue } from '../contract/spec';

type Json = Record<string, unknown>;
type Schema = Record<string, unknown>;

/** Where the request has a union tagged by `type`, and the schema of that union. */
interface TaggedUnion {
  /** Matches the dotted path of a position (indexes as digits). */
  at: RegExp;
  /** The union's JSON Schema (a `oneOf` of objects each fixing `type`). */
  schema(contract: Contract, beta: boolean): Schema;
  /** The tag of a value without `type` (a custom tool), if the union has a default. */
  untagged?: string;
}

const prop = (s: Schema, ...names: string[]): Schema =>
  names.reduce((acc, n) => ((acc.properties as Record<string, Schema>)[n] ?? {}) as Schema, s);

const UNIONS: TaggedUnion[] = [
  { at: /^messages\.\d+\.content\.\d+$/, schema: (c, beta) => c.jsonSchema('InputContentBlock', { beta }) },
  {
    at: /^messages\..*\.(?:image|document)\.source$/,
    schema: (c, beta) => prop(c.jsonSchema('RequestDocumentBlock', { beta }), 'source'),
  },
  {
    at: /^messages\.\d+\.content\.\d+\.tool_result\.content\.\d+$/,
    schema: (c, beta) =>
      (prop(c.jsonSchema('RequestToolResultBlock', { beta }), 'content').oneOf as Schema[])[1]!.items as Schema,
  },
  { at: /^tools\.\d+$/, schema: (c, beta) => c.jsonSchema('Tool', { beta }), untagged: 'custom' },
  { at: /^tool_choice$/, schema: (c, beta) => c.jsonSchema('ToolChoice', { beta }) },
  { at: /^thinking$/, schema: (c, beta) => c.jsonSchema('ThinkingConfig', { beta }) },
];
// An image's sources are a subset of a document's: the image block's own list names the tags.
const IMAGE_SOURCE = (c: Contract, beta: boolean) => prop(c.jsonSchema('RequestImageBlock', { beta }), 'source');

/** The tags a union accepts, and whether one tag is accepted (a branch may fix `type` by a pattern). */
function tagsOf(union: Schema): { names: string[]; accepts(tag: string): boolean } {
  const branches = ((union.oneOf ?? union.anyOf ?? []) as Schema[]).map((b) =>
    b.anyOf ? ((b.anyOf as Schema[])[0] as Schema) : b,
  );
  const names: string[] = [];
  const patterns: RegExp[] = [];
  for (const b of branches) {
    const type = prop(b, 'type');
    for (const v of (type.enum as unknown[] | undefined) ?? [])
      if (typeof v === 'string' && !names.includes(v)) names.push(v);
    if (typeof type.pattern === 'string') patterns.push(new RegExp(type.pattern));
  }
  return { names, accepts: (tag) => names.includes(tag) || patterns.some((p) => p.test(tag)) };
}

const quote = (xs: unknown[]) => xs.map((x) => `'${String(x)}'`);
const orList = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}` : (xs[0] ?? ''));

/** Walks the body along a JSON pointer, returning the dotted path with union tags inserted. */
function dotted(
  body: unknown,
  pointer: string,
  tagAt: (path: string, node: unknown) => string | undefined,
  tagLast = true,
): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .filter((p) => p !== '');
  const out: string[] = [];
  let node: unknown = body;
  let plain = '';
  for (const [n, raw] of parts.entries()) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Json)[part] : undefined;
    out.push(part);
    plain = plain ? `${plain}.${part}` : part;
    const tag = n < parts.length - 1 || tagLast ? tagAt(plain, node) : undefined;
    if (tag) {
      out.push(tag);
      plain = `${plain}.${tag}`;
    }
  }
  return out.join('.');
}

function reason(issue: SchemaIssue, value: unknown): string {
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'required':
      return 'Field required';
    case 'additionalProperties':
      return 'Extra inputs are not permitted';
    case 'type': {
      const t = String(p.type ?? '').split(',')[0];
      const texts: Record<string, string> = {
        string: 'Input should be a valid string',
        integer: 'Input should be a valid integer',
        number: 'Input should be a valid number',
        boolean: 'Input should be a valid boolean',
        array: 'Input should be a valid list',
        object: 'Input should be a valid dictionary or object to extract fields from',
      };
      return texts[t] ?? `Input should be a valid ${t}`;
    }
    case 'minimum':
      return `Input should be greater than or equal to ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `Input should be greater than ${String(p.limit)}`;
    case 'maximum':
      return `Input should be less than or equal to ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `Input should be less than ${String(p.limit)}`;
    case 'minLength':
      return `String should have at least ${String(p.limit)} character${p.limit === 1 ? '' : 's'}`;
    case 'maxLength':
      return `String should have at most ${String(p.limit)} character${p.limit === 1 ? '' : 's'}`;
    case 'pattern':
      return `String should match pattern '${String(p.pattern)}'`;
    case 'enum':
      return `Input should be ${orList(quote(((p.allowedValues as unknown[]) ?? []).filter((v) => v !== null)))}`;
    case 'minItems':
      return `List should have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'} after validation, not ${Array.isArray(value) ? value.length : 0}`;
    case 'maxItems':
      return `List should have at most ${String(p.limit)} item${p.limit === 1 ? '' : 's'} after validation, not ${Array.isArray(value) ? value.length : 0}`;
    case 'format':
      return p.format === 'byte'
        ? 'Input should be a valid base64 string'
        : `Input should be a valid ${String(p.format)}`;
    default:
      return 'Input does not match the expected shape.';
  }
}

const at = (body: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .filter(Boolean)
    .reduce<unknown>(
      (n, k) => (n && typeof n === 'object' ? (n as Json)[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined),
      body,
    );

/**
 * The 400 message the real API gives for a body that breaks the request schema, or undefined
 * when the body is valid.
 */
export function requestErrorMessage(contract: Contract, body: unknown, beta: boolean): string | undefined {
  const issues = contract.validateRequest(body, { beta });
  if (!issues.length) return undefined;
  // A body nested past the loader's limit is not validated (nor walked here): one plain answer.
  if (issues[0]!.keyword === 'maxNesting') return 'Input does not match the expected shape.';
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'Input should be a valid dictionary or object to extract fields from';

  const unionAt = (plainPath: string, _node: unknown): Schema | undefined => {
    const u = UNIONS.find((x) => x.at.test(plainPath));
    if (!u) return undefined;
    return /\.image\.source$/.test(plainPath) ? IMAGE_SOURCE(contract, beta) : u.schema(contract, beta);
  };
  const tagOf = (plainPath: string, node: unknown): string | undefined => {
    const u = UNIONS.find((x) => x.at.test(plainPath));
    if (!u || !node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const t = (node as Json).type;
    return typeof t === 'string' ? t : t === undefined || t === null ? u.untagged : undefined;
  };

  // 1. A tagged union whose tag is missing or unknown: pydantic stops there, so does the API.
  const tagProblem = findTagProblem(
    body,
    '',
    (plain, node) => {
      const union = unionAt(plain, node);
      if (!union) return undefined;
      if (!node || typeof node !== 'object' || Array.isArray(node))
        return 'Input should be a valid dictionary or object to extract fields from';
      const tag = tagOf(plain, node);
      if (tag === undefined) return "Unable to extract tag using discriminator 'type'";
      const tags = tagsOf(union);
      return tags.accepts(tag)
        ? undefined
        : `Input tag '${tag}' found using 'type' does not match any of the expected tags: ${quote(tags.names).join(', ')}`;
    },
    tagOf,
  );
  if (tagProblem) return tagProblem;

  // 2. Otherwise the first schema issue that belongs to the branch the value meant.
  const deeper = (i: SchemaIssue) =>
    issues.some(
      (o) =>
        o !== i &&
        o.keyword !== 'oneOf' &&
        o.keyword !== 'type' &&
        (o.path === i.path || o.path.startsWith(`${i.path === '/' ? '' : i.path}/`)),
    );
  const kept = issues.filter((i) => {
    // `string | list` unions: once the value is a list, the string branch's complaint is noise.
    if (i.keyword === 'type' && deeper(i)) return false;
    // An untagged custom tool is not a server tool missing its `type`.
    if (
      i.keyword === 'required' &&
      i.params?.missingProperty === 'type' &&
      tagOf(dotted(body, i.path, tagOf, false), at(body, i.path))
    )
      return false;
    if (i.keyword === 'oneOf' && deeper(i)) return false;
    return true;
  });
  // Of several type complaints about one value, the API names the structured form (a list).
  const first =
    kept.find(
      (i) =>
        i.keyword === 'type' &&
        i.params?.type === 'array' &&
        kept.some((o) => o !== i && o.path === i.path && o.keyword === 'type'),
    ) ??
    kept[0] ??
    issues[0]!;
  const value = at(body, first.path);
  let path = dotted(body, first.path, tagOf);
  if (first.keyword === 'required')
    path = path ? `${path}.${String(first.params?.missingProperty)}` : String(first.params?.missingProperty);
  if (first.keyword === 'additionalProperties')
    path = path ? `${path}.${String(first.params?.additionalProperty)}` : String(first.params?.additionalProperty);

  // Texts the API is recorded or quoted sending for these cases.
  if (first.keyword === 'minItems' && path === 'messages') return 'messages: at least one message is required';
  if (first.keyword === 'minLength' && /^(messages|system)\./.test(path) && /\.text$/.test(path))
    return `${path.split('.')[0]}: text content blocks must be non-empty`;
  if (first.keyword === 'type' && /^messages\.\d+$/.test(path))
    return `${path}: Input does not match the expected shape.`;
  return `${path ? `${path}: ` : ''}${reason(first, value)}`;
}

/** Depth-first over the body in document order: the first position whose union tag is wrong. */
function findTagProblem(
  node: unknown,
  plain: string,
  check: (plain: string, node: unknown) => string | undefined,
  tagOf: (plain: string, node: unknown) => string | undefined,
  shown = '',
): string | undefined {
  if (plain) {
    const problem = check(plain, node);
    if (problem) return `${shown}: ${problem}`;
  }
  if (!node || typeof node !== 'object') return undefined;
  const tag = plain ? tagOf(plain, node) : undefined;
  // Tagged positions live under messages, tools, tool_choice and thinking, inside content and source.
  const walked = plain ? /^(\d+|content|source)$/ : /^(messages|tools|tool_choice|thinking)$/;
  for (const [k, v] of Object.entries(node as Json)) {
    if (!walked.test(k)) continue;
    const base = tag ? `${plain}.${tag}` : plain;
    const shownBase = tag ? `${shown}.${tag}` : shown;
    const found = findTagProblem(v, base ? `${base}.${k}` : k, check, tagOf, shownBase ? `${shownBase}.${k}` : k);
    if (found) return found;
  }
  return undefined;
}
