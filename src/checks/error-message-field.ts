import { defineCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { hasResponse, isError, requestInvalid } from './conditions';

/** Request headers an error message may name as its subject (`anthropic-version: header is required`). */
const HEADER_FIELDS = ['anthropic-version', 'anthropic-beta', 'x-api-key', 'content-type', 'authorization'];

/**
 * The real API's 400 names the offending field first, `<path>: <message>` (`max_tokens: Field
 * required`, `anthropic-version: header is required`). A message that names another field (a canned
 * `max_tokens: Field required` for a missing anthropic-version) sends the user to fix the wrong thing.
 * Wording is not a contract, so this is a warning, and only a message that names a request field, a
 * different one from the field the case broke (its `meta.path`) and nowhere mentioning that field,
 * is reported.
 */
export const errorMessageNamesField = defineCheck({
  id: 'error_message_names_field',
  title: 'Error message names another field than the one at fault',
  source:
    'https://docs.anthropic.com/en/api/errors (error.message: a human-readable description); anthropic-version 400 message quoted in envoyproxy/ai-gateway#1909',
  profiles: ['full'],
  operations: ALL_OPERATIONS,
  when: [hasResponse, requestInvalid, isError, (ex) => typeof ex.case.meta?.path === 'string'],
  run(ctx, ex) {
    const message = (ex.response!.json as { error?: { message?: unknown } } | undefined)?.error?.message;
    if (typeof message !== 'string') return [];
    const broken = ex.case.meta!.path!;
    const named = /^\s*`?([A-Za-z_][\w-]*(?:\.[\w-]+)*)`?\s*:/.exec(message)?.[1];
    if (!named) return [];
    const root = (path: string) => path.split('.')[0]!.toLowerCase();
    const fields = new Set([...Object.keys(requestProperties(ctx.contract)), ...HEADER_FIELDS]);
    if (!fields.has(root(named)) || root(named) === root(broken)) return [];
    const leaf = broken
      .split('.')
      .filter((s) => !/^\d+$/.test(s))
      .pop()!;
    if (message.includes(leaf)) return [];
    return [
      {
        detail: `Received: ${ex.response!.status} ${JSON.stringify(message.slice(0, 200))}, which names ${named}\nExpected: a message about ${broken}, the field this request breaks (${ex.case.meta!.rule ?? ex.case.name})`,
        key: `names:${root(broken)}`,
        severity: 'warning',
      },
    ];
  },
});

let properties: Record<string, unknown> | undefined;
/** The request body's top-level fields, beta ones included (read once from the spec). */
function requestProperties(contract: {
  jsonSchema(name: string, o?: { beta?: boolean }): Record<string, unknown>;
}): Record<string, unknown> {
  return (properties ??=
    (contract.jsonSchema('CreateMessageParams', { beta: true }).properties as Record<string, unknown>) ?? {});
}
