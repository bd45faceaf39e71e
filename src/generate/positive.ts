/**
 * Valid request bodies. Field values come from the spec's schemas (from-schema.ts); the shape of a
 * conversation and the cross-field rules are added here, where a schema cannot say them
 * (contract/request-rules.ts holds the rules themselves; the generator keeps inside them):
 * - turns alternate user / assistant, the first is user (https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/resources/messages/messages.ts, MessageParam);
 * - a tool_result answers the tool_use just before it, by id (https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/resources/messages/messages.ts, ToolResultBlockParam);
 * - thinking: budget_tokens < max_tokens, no temperature but 1, no top_k, no forced tool, no prefill
 *   (https://platform.claude.com/docs/en/build-with-claude/extended-thinking);
 * - at most one of temperature / top_p (some models refuse both, https://github.com/infiniflow/ragflow/issues/11815);
 * - under anthropic-version 2026-10-21 no temperature / top_p / top_k (https://platform.claude.com/docs/en/api/migration-2026-10-21).
 * Bodies ask for few output tokens (`maxTokensCap`): a run against a paid API stays cheap.
 *
 * Input thinking / redacted_thinking blocks are made only with `unforgeable: true` (the self-tests'
 * coverage): the real API checks their signatures, which no generator can forge, so the suite never
 * sends them.
 */
import fc from 'fast-check';
import type { Contract } from '../contract/spec';
import { arbitraryFor } from './from-schema';
import { messageText, TINY_IMAGES } from './text';
import { minimalInstance } from '../mock/instance';

type Body = Record<string, unknown>;
type Block = Record<string, unknown>;

/**
 * Request fields the generator leaves out on purpose: a value valid for every conformant server
 * cannot be chosen blind. The coverage self-test holds every other field to being generated.
 */
export const NOT_GENERATED: Record<string, string> = {
  container: 'a container id only exists after a code-execution answer',
  inference_geo: 'valid regions depend on the deployment (the SDK types give no list)',
  output_config:
    'effort levels are model-specific: a model without them answers 400 (recorded 400 "does not support effort level")',
  cache_control: 'the top-level form is a 2026 addition; block-level cache_control is generated',
  speed:
    '"fast" is a per-model research preview (@anthropic-ai/sdk 1.14.0 messages.ts MessageCreateParams.speed): a model without it answers 400',
  diagnostics:
    'previous_message_id names an earlier answer of the same client (@anthropic-ai/sdk 1.14.0 messages.ts DiagnosticsParam)',
};

export interface GenOptions {
  contract: Contract;
  model: string;
  version: string;
  /** Upper bound of generated max_tokens (beyond a thinking budget). */
  maxTokensCap?: number;
  /** Also produce input blocks a real API would reject for their forged signatures. */
  unforgeable?: boolean;
}

export function validBody(o: GenOptions): fc.Arbitrary<Body> {
  // Valid bodies for a server without betas: the beta-only parts are left out.
  const s = (name: string) => o.contract.jsonSchema(name, { beta: false });
  const params = s('CreateMessageParams').properties as Record<string, Record<string, unknown>>;
  const prop = (name: string) => params[name]!;
  const toolChoice = arbitraryFor(prop('tool_choice'));
  const cap = o.maxTokensCap ?? 64;
  const cacheControl = arbitraryFor(s('CacheControl'));

  const textBlock = fc.record(
    { type: fc.constant('text'), text: messageText, cache_control: cacheControl },
    { requiredKeys: ['type', 'text'] },
  );
  // The media types come from the spec; the bytes match the type (servers sniff them).
  const imageBlock = (
    arbitraryFor((s('Base64ImageSource').properties as Record<string, Block>).media_type!) as fc.Arbitrary<string>
  )
    .filter((media_type) => TINY_IMAGES[media_type] !== undefined)
    .map((media_type) => ({ type: 'image', source: { type: 'base64', media_type, data: TINY_IMAGES[media_type] } }));
  const documentBlock = messageText.map((data) => ({
    type: 'document',
    source: { type: 'text', media_type: 'text/plain', data },
  }));
  const userContent = fc.oneof(
    messageText,
    fc
      .array(
        fc.oneof(
          { weight: 4, arbitrary: textBlock },
          { weight: 1, arbitrary: imageBlock },
          { weight: 1, arbitrary: documentBlock },
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map(
        // A user turn needs some text to answer: images and documents come with a question.
        (blocks) =>
          blocks.some((b) => b.type === 'text') ? blocks : [...blocks, { type: 'text', text: 'What is this?' }],
      ),
  );

  const toolName = arbitraryFor((s('CustomTool').properties as Record<string, Block>).name!) as fc.Arbitrary<string>;
  const tool = fc.record({
    name: toolName,
    description: fc.constantFrom('Look up the weather for a city.', 'Add two numbers.', 'Echo a string.'),
    input_schema: fc.constantFrom(
      { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'integer' } }, required: ['a', 'b'] },
      { type: 'object', properties: {} },
    ),
  });
  const tools = fc.uniqueArray(tool, { minLength: 1, maxLength: 3, selector: (t) => t.name });

  // between_tools (a 2026 kind a model may lack, with no rule that spans fields) is sent once, by
  // boundary/thinking_between_tools, not drawn: the random bodies, and a seed's replay, stay as they were.
  const thinkingKinds = prop('thinking');
  const drawn = {
    ...thinkingKinds,
    oneOf: ((thinkingKinds.oneOf as Block[] | undefined) ?? []).filter(
      (b) =>
        !((b.properties as Record<string, Block> | undefined)?.type?.enum as unknown[] | undefined)?.includes(
          'between_tools',
        ),
    ),
  };
  const thinking = arbitraryFor(drawn, { cap: 256 }) as fc.Arbitrary<{ type: string; budget_tokens?: number }>;

  const conversation = (toolList: Array<{ name: string; input_schema: Block }> | undefined) =>
    fc.oneof(
      userContent.map((content) => [{ role: 'user', content }]),
      fc.array(fc.tuple(userContent, messageText), { minLength: 1, maxLength: 3 }).chain(([...pairs]) =>
        userContent.map((last) => [
          ...pairs.flatMap(([u, a]) => [
            { role: 'user', content: u },
            { role: 'assistant', content: a },
          ]),
          { role: 'user', content: last },
        ]),
      ),
      // Prefill: the answer continues the last assistant turn.
      fc.tuple(userContent, fc.constantFrom('Sure,', 'The answer is')).map(([u, a]) => [
        { role: 'user', content: u },
        { role: 'assistant', content: a },
      ]),
      ...(toolList ? [toolRoundTrip(toolList, userContent, o.unforgeable ?? false)] : []),
    );

  return fc
    .record(
      {
        toolList: fc.option(tools, { freq: 3 }),
        // At least 1: max_tokens 0 (the spec's minimum) generates nothing to judge; boundary/max_tokens_minimum sends it.
        maxTokens: fc.integer({ min: Math.max(1, Number(prop('max_tokens').minimum ?? 1)), max: cap }),
        system: arbitraryFor(prop('system')).chain((x): fc.Arbitrary<unknown> =>
          typeof x === 'string' ? messageText : fc.array(textBlock, { minLength: 1, maxLength: 2 }),
        ),
        sampling: fc.oneof(
          fc.record({ temperature: arbitraryFor(prop('temperature')) }),
          fc.record({ top_p: arbitraryFor(prop('top_p')) }),
          fc.record({ top_k: arbitraryFor(prop('top_k'), { cap: 500 }) }),
        ),
        stop_sequences: fc.array(
          messageText.map((t) => t.split(' ')[0]!),
          { minLength: 1, maxLength: 3 },
        ),
        stream: fc.boolean(),
        metadata: arbitraryFor(prop('metadata'), { cap: 64 }).filter(
          (m) =>
            typeof (m as { user_id?: unknown }).user_id !== 'string' || /\S/.test((m as { user_id: string }).user_id),
        ),
        service_tier: arbitraryFor(prop('service_tier')),
        thinking,
      },
      { requiredKeys: ['maxTokens'] },
    )
    .chain((f) =>
      fc.tuple(fc.constant(f), conversation(f.toolList ?? undefined), f.toolList ? toolChoice : fc.constant(undefined)),
    )
    .map(([f, messages, rawChoice]) => {
      const body: Body = { model: o.model, max_tokens: f.maxTokens, messages };
      if (f.system !== undefined) body.system = f.system;
      if (f.sampling !== undefined) Object.assign(body, f.sampling);
      if (f.stop_sequences !== undefined) body.stop_sequences = f.stop_sequences;
      if (f.stream !== undefined) body.stream = f.stream;
      if (f.metadata !== undefined) body.metadata = f.metadata;
      if (f.service_tier !== undefined) body.service_tier = f.service_tier;
      if (f.toolList) {
        body.tools = f.toolList;
        const choice = rawChoice as { type: string; name?: string } | undefined;
        // A named choice names one of the offered tools.
        if (choice) body.tool_choice = choice.type === 'tool' ? { ...choice, name: f.toolList[0]!.name } : choice;
      }
      if (f.thinking !== undefined) withThinking(body, f.thinking, cap);
      if (o.version === '2026-10-21') for (const k of ['temperature', 'top_p', 'top_k']) delete body[k];
      limitCacheControl(body);
      return body;
    });
}

function withThinking(body: Body, thinking: { type: string; budget_tokens?: number }, cap: number): void {
  body.thinking = thinking;
  if (thinking.type !== 'enabled') return;
  body.max_tokens = thinking.budget_tokens! + Math.min(body.max_tokens as number, cap);
  if (body.temperature !== undefined) body.temperature = 1;
  delete body.top_k;
  if (typeof body.top_p === 'number' && body.top_p < 0.95) body.top_p = 0.95;
  const choice = body.tool_choice as { type?: string } | undefined;
  if (choice?.type === 'any' || choice?.type === 'tool') body.tool_choice = { type: 'auto' };
  const messages = body.messages as Array<{ role: string }>;
  if (messages.at(-1)?.role === 'assistant') messages.pop();
  // A tool_use turn replayed under thinking must carry its thinking block: keep such turns out.
  if (messages.some((m) => m.role === 'assistant' && Array.isArray((m as { content?: unknown }).content)))
    body.messages = [messages[0]];
}

/** user → assistant tool_use → user tool_result with the same id (https://github.com/anthropics/anthropic-sdk-typescript/blob/HEAD/src/resources/messages/messages.ts, ToolResultBlockParam). */
function toolRoundTrip(
  toolList: Array<{ name: string; input_schema: Block }>,
  userContent: fc.Arbitrary<unknown>,
  unforgeable: boolean,
) {
  const id = fc.stringMatching(/^[a-zA-Z0-9]{24}$/).map((x) => `toolu_${x}`);
  const resultContent = fc.oneof(fc.constantFrom('Sunny, 21°C', '42'), fc.constant([{ type: 'text', text: 'done' }]));
  return fc
    .tuple(userContent, id, resultContent, fc.boolean(), fc.boolean())
    .map(([u, toolUseId, content, isError, withThinkingBlocks]) => {
      const t = toolList[0]!;
      const assistant: Block[] = [
        { type: 'tool_use', id: toolUseId, name: t.name, input: minimalInstance(t.input_schema) },
      ];
      if (unforgeable && withThinkingBlocks)
        assistant.unshift(
          { type: 'thinking', thinking: 'I should call the tool.', signature: 'c2lnbmF0dXJl' },
          { type: 'redacted_thinking', data: 'cmVkYWN0ZWQ=' },
        );
      const result: Block = { type: 'tool_result', tool_use_id: toolUseId, content };
      if (isError) result.is_error = false;
      return [
        { role: 'user', content: u },
        { role: 'assistant', content: assistant },
        { role: 'user', content: [result] },
      ];
    });
}

/**
 * The API takes at most 4 cache_control breakpoints, and a 1h one may not follow a 5m one (prompt
 * caching docs: https://docs.claude.com/en/docs/build-with-claude/prompt-caching): keep the first 4, all with the first one's ttl.
 */
function limitCacheControl(body: Body): void {
  let seen = 0;
  let ttl: unknown;
  const visit = (block: Block) => {
    if (!block.cache_control) return;
    if (seen === 4) delete block.cache_control;
    else {
      seen += 1;
      ttl ??= (block.cache_control as Block).ttl ?? null;
      block.cache_control = ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' };
    }
  };
  if (Array.isArray(body.system)) (body.system as Block[]).forEach(visit);
  for (const m of body.messages as Array<{ content: unknown }>)
    if (Array.isArray(m.content)) (m.content as Block[]).forEach(visit);
}
