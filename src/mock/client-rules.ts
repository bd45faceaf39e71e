/**
 * What the reference mock expects of its client, one rule per observable behaviour, each with its
 * public source. A rule the docs state is judged as a failure; one only an SDK's code or the API's
 * observed answers show is a warning marked unverified (client-grader.ts applies them).
 */

export interface ClientRule {
  id: string;
  title: string;
  source: string;
}

const RATE_LIMITS = 'https://docs.claude.com/en/api/rate-limits';
const SDK_CLIENT = 'https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/client.ts';

export const CLIENT_RULES = {
  headers: {
    id: 'client_request_headers',
    title: 'The client sends the path, method and headers the API requires',
    source:
      'https://docs.claude.com/en/api/messages (x-api-key or Authorization: Bearer, anthropic-version, content-type: application/json)',
  },
  schema: {
    id: 'client_request_schema',
    title: 'The client sends bodies the API accepts (the request schema)',
    source:
      'openapi/anthropic-messages-api-openapi.yml (CreateMessageParams, CountMessageTokensParams); https://docs.claude.com/en/api/messages',
  },
  rules: {
    id: 'client_request_rules',
    title: 'The client keeps the cross-field request rules',
    source: "src/contract/request-rules.ts (each refusal names its rule and that rule's public source)",
  },
  sampling: {
    id: 'client_no_sampling_2026_10_21',
    title: 'No temperature, top_p or top_k under anthropic-version 2026-10-21',
    source:
      'https://platform.claude.com/docs/en/api/migration-2026-10-21 (sampling parameters removed: 400 even at default values)',
  },
  model: {
    id: 'client_model_served',
    title: 'The client asks for a model the API serves',
    source:
      "https://docs.claude.com/en/docs/about-claude/models/overview (the mock serves its spec's model table; a newer model is UNVERIFIED here)",
  },
  retryAfter: {
    id: 'client_honours_retry_after',
    title: 'A retry after a 429 / 529 waits as long as retry-after says',
    source: `${RATE_LIMITS} (retry-after: the seconds to wait; retrying earlier fails); ${SDK_CLIENT} (retryRequest: retry-after-ms, then retry-after)`,
  },
  noRetryRefused: {
    id: 'client_no_retry_of_refused',
    title: 'A request the API refused with x-should-retry: false is not sent again unchanged',
    source: `${SDK_CLIENT} (shouldRetry: x-should-retry wins; 400, 401, 403, 404, 413, 422 are never retried); the API's 400s carry x-should-retry: false`,
  },
  toolResult: {
    id: 'client_tool_result_matches_tool_use',
    title: 'Each tool_result answers a tool_use the mock sent, in the message before it',
    source:
      'https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use (tool_use_id: the id of the tool use request this is a result for); the API\'s 400 "unexpected `tool_use_id` found in `tool_result` blocks" (https://github.com/anthropics/claude-code/issues/13460)',
  },
  thinking: {
    id: 'client_thinking_unchanged',
    title: 'Thinking blocks go back exactly as the mock sent them',
    source:
      'https://platform.claude.com/docs/en/build-with-claude/extended-thinking (pass thinking blocks back unmodified; the signature verifies them)',
  },
  cutStream: {
    id: 'client_cut_stream_not_complete',
    title: 'The text of a stream cut short is not reused as a finished assistant turn',
    source:
      'https://docs.claude.com/en/docs/build-with-claude/streaming (a message is complete at message_stop; an error event or a dropped connection ends it early)',
  },
} as const satisfies Record<string, ClientRule>;

export type ClientRuleName = keyof typeof CLIENT_RULES;

/** Refusals (handle.ts `refusal.rule`) that are the client's fault, and the rule that judges each. */
export function ruleOfRefusal(rule: string): ClientRuleName | undefined {
  switch (rule) {
    case 'route':
    case 'method':
    case 'auth':
    case 'version':
    case 'content_type':
      return 'headers';
    case 'json':
    case 'schema':
      return 'schema';
    case 'model':
      return 'model';
    // A wrong key is the caller's configuration (or a test of its 401 handling), not a client fault.
    case 'key':
      return undefined;
    case 'sampling_removed_in_2026_10_21':
      return 'sampling';
    default:
      return 'rules';
  }
}
