/**
 * Invalid requests, each breaking exactly one named rule of a valid base body. A conformant server
 * answers every one with 400 invalid_request_error: never 2xx, never 5xx, never 422 (https://platform.claude.com/docs/en/api/errors).
 * The self-tests prove each body breaks its rule and only it.
 */
import type { RequestCase } from '../http/exchange';
import type { GenOptions } from './positive';
import { thinkingBudgetMinimum } from './from-schema';

type Body = Record<string, unknown>;

export interface NegativeCase extends RequestCase {
  /**
   * Where the broken rule is: a spec path (`/max_tokens`) or a request rule id; `field` names the
   * request field where the schema path (`/`) or the rule does not.
   */
  broken: { schemaPath?: string; rule?: string; transport?: string; implies?: string; field?: string };
}

export function negativeCases(o: GenOptions): NegativeCase[] {
  const p = (name: string) => o.contract.requestProperty(name);
  const thinkingMin = thinkingBudgetMinimum(o.contract);
  const modelMax = o.contract.modelMaxOutputTokens[o.model];
  const base = (): Body => ({ model: o.model, max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }] });
  const tool = (name: string) => ({ name, input_schema: { type: 'object', properties: {} } });
  const c = (
    name: string,
    rule: string,
    broken: NegativeCase['broken'],
    patch: (b: Body) => void,
    headers?: RequestCase['headers'],
    unverified?: string,
  ): NegativeCase => {
    const body = base();
    patch(body);
    // meta.path: the field the case breaks, written as the API's messages write it (`messages.0.role`).
    const path =
      broken.field ??
      (broken.schemaPath && broken.schemaPath !== '/' ? broken.schemaPath.slice(1).replace(/\//g, '.') : undefined);
    return {
      name: `negative/${name}`,
      operation: 'messages',
      body,
      headers,
      broken,
      meta: { mode: 'negative', rule, path, expect: { status: 400, errorType: 'invalid_request_error' }, unverified },
    };
  };
  const max = Number(p('max_tokens').maximum);
  const cases: NegativeCase[] = [
    // 0 is valid (it pre-warms the prompt cache): the smallest invalid value is one below the minimum.
    c(
      'max_tokens_negative',
      `max_tokens below the minimum ${String(p('max_tokens').minimum)}`,
      { schemaPath: '/max_tokens' },
      (b) => (b.max_tokens = Number(p('max_tokens').minimum) - 1),
    ),
    c('max_tokens_fractional', 'max_tokens not an integer', { schemaPath: '/max_tokens' }, (b) => (b.max_tokens = 1.5)),
    c('max_tokens_string', 'max_tokens a string', { schemaPath: '/max_tokens' }, (b) => (b.max_tokens = '16')),
    c(
      'max_tokens_missing',
      'max_tokens is required',
      { schemaPath: '/', field: 'max_tokens' },
      (b) => delete b.max_tokens,
    ),
    c(
      'max_tokens_above_maximum',
      `max_tokens above the spec's maximum ${max}`,
      { schemaPath: '/max_tokens', implies: 'max_tokens_within_model_limit' },
      (b) => (b.max_tokens = max + 1),
    ),
    c('model_missing', 'model is required', { schemaPath: '/', field: 'model' }, (b) => delete b.model),
    c('temperature_below_0', 'temperature below 0', { schemaPath: '/temperature' }, (b) => (b.temperature = -0.1)),
    c('temperature_above_1', 'temperature above 1', { schemaPath: '/temperature' }, (b) => (b.temperature = 1.1)),
    c('top_k_negative', 'top_k below 0', { schemaPath: '/top_k' }, (b) => (b.top_k = -1)),
    c('messages_empty', 'messages needs at least one message', { schemaPath: '/messages' }, (b) => (b.messages = [])),
    c('messages_missing', 'messages is required', { schemaPath: '/', field: 'messages' }, (b) => delete b.messages),
    c('messages_not_array', 'messages must be an array', { schemaPath: '/messages' }, (b) => (b.messages = 'Hello')),
    c(
      'message_role_invalid',
      'role is user, assistant or system',
      { schemaPath: '/messages/0/role' },
      (b) => (b.messages = [{ role: 'tool', content: 'Hello' }]),
    ),
    c(
      'message_content_wrong_type',
      'content is a string or an array of blocks',
      { schemaPath: '/messages/0/content' },
      (b) => (b.messages = [{ role: 'user', content: 42 }]),
    ),
    c(
      'message_content_empty_array',
      'content must not be empty',
      { rule: 'message_content_non_empty', field: 'messages.0.content' },
      (b) => (b.messages = [{ role: 'user', content: [] }]),
    ),
    c(
      'system_message_image',
      'a system message takes text alone',
      { rule: 'system_message_text_only', field: 'messages.0.content.0' },
      (b) =>
        (b.messages = [
          { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] },
          { role: 'user', content: 'Hello' },
        ]),
    ),
    c(
      'text_block_empty',
      'text blocks must be non-empty',
      { schemaPath: '/messages/0/content' },
      (b) => (b.messages = [{ role: 'user', content: [{ type: 'text', text: '' }] }]),
    ),
    c(
      'content_block_unknown_type',
      'unknown content block type',
      { schemaPath: '/messages/0/content' },
      (b) => (b.messages = [{ role: 'user', content: [{ type: 'hologram', text: 'x' }] }]),
    ),
    c('system_wrong_type', 'system is a string or text blocks', { schemaPath: '/system' }, (b) => (b.system = 42)),
    c(
      'unknown_top_level_field',
      'unknown fields are rejected (Extra inputs are not permitted)',
      { schemaPath: '/', field: 'response_format' },
      (b) => (b.response_format = { type: 'json' }),
    ),
    c(
      'stop_sequences_not_array',
      'stop_sequences is an array of strings',
      { schemaPath: '/stop_sequences' },
      (b) => (b.stop_sequences = 'STOP'),
    ),
    c('stream_not_boolean', 'stream is a boolean', { schemaPath: '/stream' }, (b) => (b.stream = 'yes')),
    c('thinking_budget_below_minimum', `thinking budget below ${thinkingMin}`, { schemaPath: '/thinking' }, (b) => {
      b.thinking = { type: 'enabled', budget_tokens: thinkingMin - 1 };
      b.max_tokens = thinkingMin + 16;
    }),
    c(
      'thinking_budget_not_below_max_tokens',
      'thinking budget must be below max_tokens',
      { rule: 'thinking_budget_below_max_tokens', field: 'thinking.budget_tokens' },
      (b) => {
        b.thinking = { type: 'enabled', budget_tokens: thinkingMin };
        b.max_tokens = thinkingMin;
      },
    ),
    c(
      'thinking_with_top_k',
      'top_k must be unset when thinking is enabled',
      { rule: 'thinking_top_k_unset', field: 'top_k' },
      (b) => {
        b.thinking = { type: 'enabled', budget_tokens: thinkingMin };
        b.max_tokens = thinkingMin + 16;
        b.top_k = 5;
      },
    ),
    c(
      'tool_name_invalid',
      'tool names match the spec pattern',
      { schemaPath: '/tools/0' },
      (b) => (b.tools = [tool('get weather')]),
    ),
    c(
      'tool_name_too_long',
      'tool name longer than the pattern allows',
      { schemaPath: '/tools/0' },
      (b) => (b.tools = [tool('t'.repeat(129))]),
    ),
    c(
      'tool_choice_invalid_type',
      'tool_choice type is auto, any, tool or none',
      { schemaPath: '/tool_choice' },
      (b) => {
        b.tools = [tool('echo')];
        b.tool_choice = { type: 'required' };
      },
    ),
    c('tool_choice_tool_without_name', 'tool_choice type tool needs a name', { schemaPath: '/tool_choice' }, (b) => {
      b.tools = [tool('echo')];
      b.tool_choice = { type: 'tool' };
    }),
    c(
      'metadata_unknown_field',
      'metadata only takes user_id',
      { schemaPath: '/metadata' },
      (b) => (b.metadata = { session: 'x' }),
    ),
    {
      ...c('malformed_json', 'the body is not JSON', { transport: 'json' }, () => {}),
      body: '{"model": "x", "max_tokens": 16, "messages": [',
    },
    c(
      'wrong_content_type',
      'the body must be sent as application/json',
      { transport: 'content-type' },
      () => {},
      { 'content-type': 'text/plain' },
      UNVERIFIED.wrong_content_type,
    ),
  ];
  if (modelMax !== undefined && modelMax < max)
    cases.push(
      c(
        'max_tokens_above_model_limit',
        `max_tokens above ${o.model}'s ceiling ${modelMax}`,
        { rule: 'max_tokens_within_model_limit', field: 'max_tokens' },
        (b) => (b.max_tokens = modelMax + 1),
        undefined,
        UNVERIFIED.max_tokens_above_model_limit,
      ),
    );
  return cases;
}

/**
 * Invalid requests whose rejection neither the API's docs nor recorded real traffic show: a server
 * that accepts them may be conformant, so a mismatch is a warning (README "Unverified expectations").
 */
export const UNVERIFIED = {
  wrong_content_type:
    'clients must send application/json (https://docs.anthropic.com/en/api/messages), but nothing shows the API rejecting a JSON body labelled otherwise; a server that parses it anyway is conformant',
  max_tokens_above_model_limit:
    "per-model output ceilings come from secondary sources (the authoritative figure is GET /v1/models → max_tokens); the model's real ceiling may be higher",
};
