/**
 * Named edge cases, sent on every run whatever the seed. Bounds are read from the spec (and the
 * model ceiling from `info.x-models`), so they move when the spec does.
 */
import type { RequestCase } from '../http/exchange';
import type { GenOptions } from './positive';
import { patternLengths, thinkingBudgetMinimum } from './from-schema';
import { SCRIPTS } from './text';

type Body = Record<string, unknown>;

export function boundaryCases(o: GenOptions): RequestCase[] {
  const p = (name: string) => o.contract.requestProperty(name);
  const thinkingMin = thinkingBudgetMinimum(o.contract);
  const namePattern = String((o.contract.jsonSchema('CustomTool').properties as Record<string, Body>).name!.pattern);
  const nameLen = patternLengths(namePattern) ?? { min: 1, max: 64 };
  const modelMax = o.contract.modelMaxOutputTokens[o.model];
  const sampling = o.version !== '2026-10-21';
  const base = (): Body => ({
    model: o.model,
    max_tokens: 16,
    messages: [{ role: 'user', content: 'Reply with one word.' }],
  });
  const c = (
    name: string,
    description: string,
    patch: (b: Body) => void,
    extra: Partial<RequestCase['meta']> = {},
  ): RequestCase => {
    const body = base();
    patch(body);
    return {
      name: `boundary/${name}`,
      operation: 'messages',
      body,
      meta: { mode: 'boundary', description, expect: { status: 200 }, ...extra },
    };
  };
  const tool = (name: string) => ({
    name,
    description: 'Echo a string.',
    input_schema: { type: 'object', properties: { s: { type: 'string' } }, required: ['s'] },
  });
  const turns = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content: i % 2 ? 'OK.' : `Message ${i + 1}.`,
    }));

  const cases: RequestCase[] = [
    // The spec's minimum is 0 (pre-warms the prompt cache, empty content): a server refusing it follows an older rule (a warning).
    c(
      'max_tokens_minimum',
      `max_tokens ${String(p('max_tokens').minimum)} (the spec's minimum)`,
      (b) => (b.max_tokens = p('max_tokens').minimum),
    ),
    c('one_message', 'a single user message', () => {}),
    c('many_messages', '41 alternating turns', (b) => (b.messages = turns(41))),
    c('system_string', 'system as a string', (b) => (b.system = 'You are terse.')),
    c(
      'system_text_blocks',
      'system as text blocks with cache_control',
      (b) =>
        (b.system = [
          { type: 'text', text: 'You are terse.' },
          { type: 'text', text: 'Answer in English.', cache_control: { type: 'ephemeral' } },
        ]),
    ),
    c(
      'tool_name_longest',
      `a tool name of ${nameLen.max} characters (the spec's pattern)`,
      (b) => (b.tools = [tool('t'.repeat(nameLen.max))]),
    ),
    c(
      'tool_name_shortest',
      `a tool name of ${nameLen.min} character(s)`,
      (b) => (b.tools = [tool('t'.repeat(nameLen.min))]),
    ),
    c('stop_sequence_emoji', 'an emoji stop sequence', (b) => (b.stop_sequences = ['🛑', '👩‍👩‍👧'])),
    c('thinking_budget_minimum', `thinking budget ${thinkingMin} (the smallest), max_tokens one above`, (b) => {
      b.thinking = { type: 'enabled', budget_tokens: thinkingMin };
      b.max_tokens = thinkingMin + 1;
    }),
    c('thinking_disabled', 'thinking {"type":"disabled"}', (b) => (b.thinking = { type: 'disabled' })),
    c('thinking_between_tools', 'thinking {"type":"between_tools"}', (b) => (b.thinking = { type: 'between_tools' })),
    c(
      'system_message_first',
      'a role "system" message before the first user turn',
      (b) =>
        (b.messages = [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Reply with one word.' },
        ]),
    ),
    c(
      'system_message_mid',
      'a role "system" message (text blocks) mid-conversation',
      (b) =>
        (b.messages = [
          { role: 'user', content: 'Hi.' },
          { role: 'assistant', content: 'Hello.' },
          { role: 'system', content: [{ type: 'text', text: 'Now answer in French.' }] },
          { role: 'user', content: 'Reply with one word.' },
        ]),
    ),
    c(
      'prefill',
      'the last turn is an assistant prefill',
      (b) =>
        (b.messages = [
          { role: 'user', content: 'Count to three.' },
          { role: 'assistant', content: 'One,' },
        ]),
    ),
    c('empty_tools', 'an empty tools array', (b) => (b.tools = [])),
    c('empty_stop_sequences', 'an empty stop_sequences array', (b) => (b.stop_sequences = [])),
    c('metadata_user_id', 'metadata.user_id', (b) => (b.metadata = { user_id: 'user-0123' })),
    ...(Object.keys(SCRIPTS) as Array<keyof typeof SCRIPTS>).map((script) =>
      c(
        `text_${script}`,
        `${script} text`,
        (b) => (b.messages = [{ role: 'user', content: SCRIPTS[script].join(' ') }]),
      ),
    ),
  ];
  if (modelMax !== undefined)
    cases.push(
      c('max_tokens_model_maximum', `max_tokens ${modelMax}, the ceiling of ${o.model} (spec info.x-models)`, (b) => {
        b.max_tokens = modelMax;
        b.messages = [{ role: 'user', content: 'Reply with the single word: ok' }];
      }),
    );
  if (sampling) {
    cases.push(
      c('temperature_0', 'temperature 0', (b) => (b.temperature = p('temperature').minimum)),
      c('temperature_1', 'temperature 1', (b) => (b.temperature = p('temperature').maximum)),
      c('top_p_1', 'top_p 1', (b) => (b.top_p = p('top_p').maximum)),
      c('top_k_1', 'top_k 1', (b) => (b.top_k = 1)),
      c('thinking_temperature_1', 'thinking with temperature 1 (the one value allowed)', (b) => {
        b.thinking = { type: 'enabled', budget_tokens: thinkingMin };
        b.max_tokens = thinkingMin + 16;
        b.temperature = 1;
      }),
    );
  }
  return cases;
}
