/**
 * Request rules that span fields, which a JSON Schema cannot state. The one place for them: the
 * reference mock enforces them, the generator keeps valid bodies inside them and breaks each one in
 * a named invalid body. Each rule cites the reference section it comes from.
 */
import type { ModelEntry } from './spec';

type Body = Record<string, unknown>;

export interface RuleContext {
  /** The `anthropic-version` the request carries. */
  version: string;
  /** Output ceilings per model (spec `info.x-models`). */
  modelMaxOutputTokens: Record<string, number>;
  /** The model table (spec `info.x-models`), for the features a model refuses. */
  models?: Record<string, ModelEntry>;
}

export interface RequestRule {
  id: string;
  source: string;
  /** The 400 message the real API gives, or undefined when the rule holds. */
  violation(body: Body, ctx: RuleContext): string | undefined;
}

const thinkingOn = (b: Body) => (b.thinking as { type?: string } | undefined)?.type === 'enabled';
const messages = (b: Body) =>
  Array.isArray(b.messages) ? (b.messages as Array<{ role?: string; content?: unknown }>) : [];

export const REQUEST_RULES: RequestRule[] = [
  {
    id: 'max_tokens_within_model_limit',
    source:
      'https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/resources/messages/messages.ts (max_tokens: each model has its own ceiling)',
    violation: (b, ctx) => {
      const max = ctx.modelMaxOutputTokens[String(b.model)];
      return max !== undefined && typeof b.max_tokens === 'number' && b.max_tokens > max
        ? `max_tokens: ${b.max_tokens} > ${max}, which is the maximum allowed number of output tokens for ${String(b.model)}`
        : undefined;
    },
  },
  {
    id: 'thinking_budget_below_max_tokens',
    source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking',
    violation: (b) => {
      const budget = (b.thinking as { budget_tokens?: number } | undefined)?.budget_tokens;
      return thinkingOn(b) && typeof budget === 'number' && typeof b.max_tokens === 'number' && budget >= b.max_tokens
        ? '`max_tokens` must be greater than `thinking.budget_tokens`'
        : undefined;
    },
  },
  {
    id: 'thinking_temperature_is_1',
    source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking',
    violation: (b) =>
      thinkingOn(b) && b.temperature !== undefined && b.temperature !== 1
        ? '`temperature` may only be set to 1 when thinking is enabled'
        : undefined,
  },
  {
    id: 'thinking_top_k_unset',
    source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking',
    violation: (b) =>
      thinkingOn(b) && b.top_k !== undefined ? '`top_k` must be unset when thinking is enabled' : undefined,
  },
  {
    id: 'thinking_top_p_range',
    source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking',
    violation: (b) =>
      thinkingOn(b) && typeof b.top_p === 'number' && b.top_p < 0.95
        ? '`top_p` must be between 0.95 and 1 when thinking is enabled'
        : undefined,
  },
  {
    id: 'thinking_no_forced_tool',
    source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking',
    violation: (b) => {
      const t = (b.tool_choice as { type?: string } | undefined)?.type;
      return thinkingOn(b) && (t === 'any' || t === 'tool')
        ? 'Thinking may not be enabled when tool_choice forces tool use.'
        : undefined;
    },
  },
  {
    id: 'thinking_no_prefill',
    source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking (no prefill with thinking)',
    violation: (b) =>
      thinkingOn(b) && messages(b).at(-1)?.role === 'assistant'
        ? 'Prefilling the assistant message is not supported when thinking is enabled.'
        : undefined,
  },
  {
    id: 'message_content_non_empty',
    source: 'https://github.com/anthropics/claude-code/issues/6774 (the 400 for an empty message)',
    violation: (b) => {
      const list = messages(b);
      const i = list.findIndex(
        (m, n) =>
          (m.content === '' || (Array.isArray(m.content) && m.content.length === 0)) &&
          !(n === list.length - 1 && m.role === 'assistant'),
      );
      return i >= 0
        ? `messages.${i}: all messages must have non-empty content except for the optional final assistant message`
        : undefined;
    },
  },
  {
    id: 'system_message_text_only',
    source:
      "@anthropic-ai/sdk 1.14.0 src/resources/messages/messages.ts (SystemMessageParam.content: string | Array<TextBlockParam>; the message text is UNVERIFIED, in pydantic's words)",
    violation: (b) => {
      for (const [i, m] of messages(b).entries()) {
        if (m.role !== 'system' || !Array.isArray(m.content)) continue;
        const j = (m.content as Array<{ type?: unknown }>).findIndex((x) => x?.type !== 'text');
        if (j >= 0)
          return `messages.${i}.content.${j}: Input tag '${String((m.content as Array<{ type?: unknown }>)[j]?.type)}' found using 'type' does not match any of the expected tags: 'text'`;
      }
      return undefined;
    },
  },
  {
    id: 'sampling_removed_in_2026_10_21',
    source: 'https://platform.claude.com/docs/en/api/migration-2026-10-21',
    violation: (b, ctx) => {
      if (ctx.version !== '2026-10-21') return undefined;
      const field = ['temperature', 'top_p', 'top_k'].find((f) => b[f] !== undefined);
      return field ? `${field}: Extra inputs are not permitted` : undefined;
    },
  },
  {
    id: 'no_document_in_assistant_2026_10_21',
    source: 'https://platform.claude.com/docs/en/api/migration-2026-10-21 (the message text is UNVERIFIED)',
    violation: (b, ctx) => {
      if (ctx.version !== '2026-10-21') return undefined;
      const i = messages(b).findIndex(
        (m) =>
          m.role === 'assistant' &&
          Array.isArray(m.content) &&
          (m.content as Array<{ type?: string }>).some((x) => x?.type === 'document'),
      );
      return i >= 0 ? `messages.${i}: document blocks are not allowed in assistant messages` : undefined;
    },
  },
  {
    id: 'no_user_text_citations_2026_10_21',
    source: 'https://platform.claude.com/docs/en/api/migration-2026-10-21 (the message text is UNVERIFIED)',
    violation: (b, ctx) => {
      if (ctx.version !== '2026-10-21') return undefined;
      type Block = { type?: string; citations?: unknown; content?: unknown };
      const cited = (blocks: unknown): boolean =>
        Array.isArray(blocks) &&
        (blocks as Block[]).some(
          (x) =>
            (x?.type === 'text' && Array.isArray(x.citations) && x.citations.length > 0) ||
            (x?.type === 'search_result' && cited(x.content)),
        );
      const i = messages(b).findIndex((m) => m.role === 'user' && cited(m.content));
      return i >= 0 ? `messages.${i}: citations are not allowed on text in user messages` : undefined;
    },
  },
  {
    id: 'model_supports_prefill',
    source: "spec info.x-models (prefill: false); the API's 400 in tests/fixtures/recorded/error-400-08.json",
    violation: (b, ctx) =>
      ctx.models?.[String(b.model)]?.prefill === false && messages(b).at(-1)?.role === 'assistant'
        ? 'This model does not support assistant message prefill. The conversation must end with a user message.'
        : undefined,
  },
  {
    id: 'model_supports_effort',
    source: "spec info.x-models (effort); the API's 400 in tests/fixtures/recorded/error-400-07.json",
    violation: (b, ctx) => {
      const levels = ctx.models?.[String(b.model)]?.effort;
      const effort = (b.output_config as { effort?: unknown } | undefined)?.effort;
      return levels && typeof effort === 'string' && !levels.includes(effort)
        ? `This model does not support effort level '${effort}'. Supported levels: ${[...levels].sort().join(', ')}.`
        : undefined;
    },
  },
  {
    id: 'tool_result_answers_previous_tool_use',
    source:
      "https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls (a tool_result answers a tool_use of the turn before); the API's 400 as quoted in anthropics/claude-code#13460 (the message text is UNVERIFIED)",
    violation: (b) => toolPairing(b, 'orphan'),
  },
  {
    id: 'tool_use_answered_next_turn',
    source:
      "https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls (every tool_use gets its tool_result in the next turn); the API's 400 as quoted in anthropics/claude-code#5060 (the message text is UNVERIFIED)",
    violation: (b) => toolPairing(b, 'unanswered'),
  },
];

type Turn = {
  role?: string;
  at: number;
  blocks: Array<{ type?: string; id?: unknown; tool_use_id?: unknown; message: number; index: number }>;
};

/**
 * Consecutive messages of one role are one turn (the API merges them: recorded tool-result-03.json
 * answers three parallel calls in three user messages). A tool_result must answer a tool_use of
 * the assistant turn just before (`orphan`); every tool_use of an assistant turn followed by a user
 * turn must be answered there (`unanswered`).
 */
function toolPairing(b: Body, which: 'orphan' | 'unanswered'): string | undefined {
  const turns: Turn[] = [];
  for (const [i, m] of messages(b).entries()) {
    const blocks = (Array.isArray(m.content) ? (m.content as Array<Record<string, unknown>>) : []).map((x, index) => ({
      ...(x && typeof x === 'object' ? x : {}),
      message: i,
      index,
    }));
    const last = turns.at(-1);
    if (last && last.role === m.role) last.blocks.push(...blocks);
    else turns.push({ role: m.role, at: i, blocks });
  }
  for (const [t, turn] of turns.entries()) {
    const before =
      t > 0 && turns[t - 1]!.role === 'assistant'
        ? turns[t - 1]!.blocks.filter((x) => x.type === 'tool_use').map((x) => x.id)
        : [];
    if (which === 'orphan' && turn.role === 'user') {
      const orphan = turn.blocks.find((x) => x.type === 'tool_result' && !before.includes(x.tool_use_id));
      if (orphan)
        return `messages.${orphan.message}.content.${orphan.index}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(orphan.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
    }
    const next = turns[t + 1];
    if (which === 'unanswered' && turn.role === 'assistant' && next) {
      const answered = next.blocks.filter((x) => x.type === 'tool_result').map((x) => x.tool_use_id);
      const missing = turn.blocks.filter((x) => x.type === 'tool_use' && !answered.includes(x.id));
      if (missing.length)
        return `messages.${missing[0]!.message}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.map((x) => String(x.id)).join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
  }
  return undefined;
}

/** The first cross-field rule the body breaks, if any. */
export function firstRuleViolation(body: Body, ctx: RuleContext): { rule: RequestRule; message: string } | undefined {
  for (const rule of REQUEST_RULES) {
    const message = rule.violation(body, ctx);
    if (message) return { rule, message };
  }
  return undefined;
}

/**
 * Valid requests whose acceptance depends on the model (https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/resources/messages/messages.ts): a model may refuse them with a
 * 400 that names the feature. Such a 400 is reported as a warning, not as a rejected valid request,
 * since the real API does the same; any other answer is judged as usual.
 */
export interface ModelDependentFeature {
  id: string;
  source: string;
  uses(body: Body, ctx: RuleContext): boolean;
  /** What the server's error message mentions when it refuses the feature. */
  message: RegExp;
}

export const MODEL_DEPENDENT: ModelDependentFeature[] = [
  {
    id: 'sampling_restricted',
    source:
      'https://github.com/tryAGI/Anthropic/blob/HEAD/src/libs/Anthropic/openapi.yaml (temperature, top_p, top_k; 2026 deprecation: newest models accept only temperature 1, top_p >= 0.99, no top_k)',
    uses: (b) =>
      (b.temperature !== undefined && b.temperature !== 1) ||
      (typeof b.top_p === 'number' && b.top_p < 0.99) ||
      b.top_k !== undefined,
    message: /temperature|top_p|top_k/,
  },
  {
    id: 'adaptive_thinking',
    source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking (adaptive is a 2026 form)',
    uses: (b) => (b.thinking as { type?: string } | undefined)?.type === 'adaptive',
    message: /adaptive|thinking/i,
  },
  {
    id: 'between_tools_thinking',
    source: '@anthropic-ai/sdk 1.14.0 src/resources/messages/messages.ts (ThinkingConfigBetweenTools, a 2026 form)',
    uses: (b) => (b.thinking as { type?: string } | undefined)?.type === 'between_tools',
    message: /between_tools|thinking/i,
  },
  {
    id: 'system_role_message',
    source:
      '@anthropic-ai/sdk 1.14.0 src/resources/messages/messages.ts (SystemMessageParam, a 2026 form: "mid-conversation system blocks")',
    uses: (b) => messages(b).some((m) => m.role === 'system'),
    message: /role|system/i,
  },
  {
    id: 'thinking_display',
    source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking (display is a 2026 option)',
    uses: (b) => (b.thinking as { display?: unknown } | undefined)?.display !== undefined,
    message: /display/,
  },
  {
    id: 'assistant_prefill',
    source: 'tests/fixtures/recorded/README.md "Errors": 400 "This model does not support assistant message prefill"',
    uses: (b) => messages(b).at(-1)?.role === 'assistant',
    message: /prefill/i,
  },
  {
    id: 'model_output_ceiling',
    source:
      'https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/resources/messages/messages.ts (max_tokens; per-model ceilings are UNVERIFIED secondary figures)',
    uses: (b, ctx) => typeof b.max_tokens === 'number' && b.max_tokens === ctx.modelMaxOutputTokens[String(b.model)],
    message: /max_tokens/,
  },
];

/**
 * Valid requests an older rule of the API refused. A server that refuses one follows that older rule:
 * a warning naming the current rule, not a failure (the suite's contract is the current API where it
 * has moved on from the Create-a-Message page).
 */
export interface OlderRule {
  id: string;
  source: string;
  uses(body: Body): boolean;
  /** What the server's error message mentions when it applies the older rule. */
  message: RegExp;
  /** The current rule, as the warning states it. */
  current: string;
}

export const OLDER_RULES: OlderRule[] = [
  {
    id: 'max_tokens_zero',
    source:
      '@anthropic-ai/sdk 1.14.0 src/resources/messages/messages.ts (max_tokens: "Set to `0` to populate the prompt cache without generating a response"); the older rule: https://github.com/naftiko/anthropic-sandbox/blob/HEAD/skills/create-a-message/SKILL.md ("min 1")',
    uses: (b) => b.max_tokens === 0,
    message: /max_tokens/,
    current:
      'max_tokens 0 is valid: it populates the prompt cache without generating a response (an empty content and usage); refusing it follows the older minimum of 1',
  },
];
