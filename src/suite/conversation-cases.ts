/**
 * The conversations area: sequences whose next request is built from the target's own previous
 * answer, as an agent (Claude Code, an SDK tool runner) carries a conversation on. Each sequence runs
 * as JSON and as a stream:
 * - tool loop: a forced call → its assistant turn sent back unchanged → a tool_result (a string;
 *   text and an image; is_error) → an answer;
 * - parallel tools: two tools asked for together → every call answered in one user turn, in order;
 * - thinking round trip: thinking with a tool the prompt asks for (tool_choice auto: a forced tool is
 *   refused with thinking) → the thinking blocks sent back byte for byte with the tool_use and its
 *   result; the same with one signature character changed, which the API refuses;
 * - prefill: the last message is the assistant's, which the answer continues;
 * - invalid conversations (JSON only): a tool_result answering no tool_use, a tool_use left unanswered.
 * A step the target's answer cannot lead to (a model that called no tool) is not applicable, never
 * sent and never a failure. Every request is small (max_tokens 16 to 128; thinking's minimum budget).
 */
import type { CaseMeta, ConversationStep, RequestCase } from '../http/exchange';
import type { FeatureId } from '../features/ids';
import type { AreaDef } from './areas';
import type { Run } from './run';
import type { CaseResult } from './run-cases';
import { viewOf } from '../checks/view';
import { TINY_IMAGES } from '../generate/text';
import { COMMON_CHECKS } from './common';
import {
  assistantTurn,
  toolCalls,
  toolResults,
  transcript,
  withAlteredSignature,
  type Message,
} from './conversation-turns';

type Body = Record<string, unknown>;
type Form = ConversationStep['form'];
const FORMS: Form[] = ['json', 'stream'];

const WEATHER = {
  name: 'get_weather',
  description: 'Get the current weather in a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const TIME = {
  name: 'get_time',
  description: 'Get the local time in a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
/** What the tools "return". */
const RESULT: Record<string, string> = { get_weather: 'Sunny, 21 degrees', get_time: '14:05' };
const IMAGE = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_IMAGES['image/png'] } };
/** The smallest thinking budget the API takes; max_tokens leaves room for the call after it. */
const THINKING = { type: 'enabled', budget_tokens: 1024 };
const THINKING_MAX_TOKENS = 1024 + 96;

const QUESTION: Message = { role: 'user', content: 'What is the weather in Paris?' };
const PARALLEL_QUESTION: Message = {
  role: 'user',
  content: 'What are the weather and the local time in Paris? Call get_weather and get_time together, in parallel.',
};
const THINKING_QUESTION: Message = { role: 'user', content: 'What is the weather in Paris? Use the get_weather tool.' };

interface StepSpec {
  sequence: string;
  step: string;
  index: number;
  description: string;
  messages: Message[];
  /** Body members besides model, max_tokens and messages. */
  extra?: Body;
  maxTokens: number;
  features: FeatureId[];
  meta?: Partial<CaseMeta>;
  conversation?: Partial<ConversationStep>;
}

const caseName = (sequence: string, form: Form, index: number, step: string) =>
  `conversation/${sequence}/${form}/${index}_${step}`;

function stepCase(run: Run, form: Form, s: StepSpec): RequestCase {
  const stream = form === 'stream';
  // Every sequence's `call` step asks for tool calls: streamed, it exercises tool streaming.
  const streamed: FeatureId[] = stream
    ? ['streaming', ...(s.step === 'call' ? (['tool_streaming'] as const) : [])]
    : [];
  const features = [...new Set([...s.features, ...streamed])];
  return {
    name: caseName(s.sequence, form, s.index, s.step),
    operation: 'messages',
    body: {
      model: run.config.model,
      max_tokens: s.maxTokens,
      messages: s.messages,
      ...s.extra,
      ...(stream ? { stream: true } : {}),
    },
    meta: {
      // A sequence's first request is an ordinary valid one (positive_data_acceptance); the steps
      // built from an answer are judged by the conversation checks, which name the step.
      mode: s.index === 1 && s.step === 'call' ? 'semantic' : 'conversation',
      description: `${s.description}${stream ? ', streamed' : ''}`,
      expect: { status: 200 },
      features,
      conversation: {
        sequence: s.sequence,
        form,
        step: s.step,
        index: s.index,
        transcript: transcript(s.messages),
        ...s.conversation,
      },
      ...s.meta,
    },
  };
}

/** The first request of each sequence, and the conversations every conformant server refuses. */
function conversationCases(run: Run): RequestCase[] {
  return FORMS.flatMap((form) => [
    stepCase(run, form, {
      sequence: 'tool_loop',
      step: 'call',
      index: 1,
      description: 'tool loop, step 1: tool_choice forces get_weather',
      messages: [QUESTION],
      extra: { tools: [WEATHER, TIME], tool_choice: { type: 'tool', name: 'get_weather' } },
      maxTokens: 128,
      features: ['tools'],
    }),
    stepCase(run, form, {
      sequence: 'parallel_tools',
      step: 'call',
      index: 1,
      description: 'parallel tools, step 1: both tools asked for together (tool_choice any)',
      messages: [PARALLEL_QUESTION],
      extra: { tools: [WEATHER, TIME], tool_choice: { type: 'any' } },
      maxTokens: 128,
      features: ['tools', 'parallel_tools'],
    }),
    stepCase(run, form, {
      sequence: 'thinking_round_trip',
      step: 'call',
      index: 1,
      description: 'thinking round trip, step 1: thinking enabled, a tool the prompt asks for (tool_choice auto)',
      messages: [THINKING_QUESTION],
      extra: { tools: [WEATHER], tool_choice: { type: 'auto' }, thinking: THINKING },
      maxTokens: THINKING_MAX_TOKENS,
      features: ['thinking', 'tools'],
    }),
    stepCase(run, form, {
      sequence: 'prefill',
      step: 'continue',
      index: 1,
      description: "prefill: the last message is the assistant's, which the answer continues",
      messages: [
        { role: 'user', content: 'Name the three primary colours of light, separated by commas.' },
        { role: 'assistant', content: 'Red,' },
      ],
      maxTokens: 16,
      features: ['prefill'],
    }),
    // Refused before anything streams: the JSON form says it all (two requests fewer).
    ...(form === 'json' ? invalidConversations(run, form) : []),
  ]);
}

/**
 * The ordering rules of tool use (https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls):
 * a tool_result answers a tool_use of the turn just before, and every tool_use is answered in the
 * next turn. The API's 400s are quoted in public reports (anthropics/claude-code#13460, #5060) but
 * neither the facts nor recorded traffic show them: a server that accepts these gets a warning.
 */
function invalidConversations(run: Run, form: Form): RequestCase[] {
  const unverified =
    "the ordering rule is the tool-use docs'; the API's 400 is quoted in public issues (anthropics/claude-code#13460, #5060), not recorded";
  const invalid = (step: string, description: string, messages: Message[]): RequestCase => {
    const c = stepCase(run, form, {
      sequence: 'invalid',
      step,
      index: 1,
      description,
      messages,
      extra: { tools: [WEATHER] },
      maxTokens: 32,
      features: ['tool_round_trip'],
    });
    return {
      ...c,
      meta: {
        ...c.meta!,
        mode: 'negative',
        rule: description,
        path: 'messages',
        expect: { status: 400, errorType: 'invalid_request_error' },
        unverified,
      },
    };
  };
  const call = {
    type: 'tool_use',
    id: 'toolu_01ConformanceSuiteCall01',
    name: 'get_weather',
    input: { city: 'Paris' },
  };
  return [
    invalid('orphan_tool_result', 'a tool_result that answers no tool_use of the turn before', [
      QUESTION,
      { role: 'assistant', content: 'Let me check.' },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_01ConformanceSuiteNoCall', content: RESULT.get_weather }],
      },
    ]),
    invalid('unanswered_tool_use', 'a tool_use the next turn leaves unanswered', [
      QUESTION,
      { role: 'assistant', content: [call] },
      { role: 'user', content: 'Never mind.' },
    ]),
  ];
}

/** The next step of each sequence whose previous answer has come, built from that answer. */
function nextConversationCases(run: Run, results: CaseResult[]): RequestCase[] {
  const sent = new Set(results.map((r) => r.exchange.case.name));
  const out: RequestCase[] = [];
  for (const r of results) {
    const conv = r.exchange.case.meta?.conversation;
    if (!conv || conv.index !== 1 || conv.step !== 'call') continue;
    const message = viewOf(r.exchange).message;
    // No answer (an error, a broken stream): the step's own checks report it; nothing follows.
    if (!message || r.exchange.response?.status !== 200) continue;
    const next = followUps(run, conv, r.exchange.case.body as Body, message);
    if ('notApplicable' in next) {
      // Not sent: the area records it for its features' verdicts (not applicable, never a failure).
      const { features, reason } = next.notApplicable;
      out.push({
        name: `${r.exchange.case.name}/not-applicable`,
        operation: 'messages',
        meta: { mode: 'conversation', features, notApplicable: reason },
      });
      continue;
    }
    out.push(...next.cases.filter((c) => !sent.has(c.name)));
  }
  return out;
}

type FollowUps = { cases: RequestCase[] } | { notApplicable: { features: FeatureId[]; reason: string } };

function followUps(run: Run, conv: ConversationStep, body: Body, answer: Record<string, unknown>): FollowUps {
  const form = conv.form;
  const calls = toolCalls(answer);
  const question = (body.messages as Message[])[0]!;
  const turn = assistantTurn(answer);
  const after = `built from the answer to ${caseName(conv.sequence, form, 1, conv.step)}`;
  const cut = answer.stop_reason === 'max_tokens' ? ' (the answer was cut at max_tokens)' : '';
  switch (conv.sequence) {
    case 'tool_loop': {
      if (!calls.length)
        return {
          notApplicable: {
            features: ['tool_round_trip'],
            reason: `the answer called no tool${cut}: there is no tool_use to answer`,
          },
        };
      const step = (
        name: string,
        index: number,
        what: string,
        result: Message,
        features: FeatureId[],
        extra: Partial<ConversationStep> = {},
      ) =>
        stepCase(run, form, {
          sequence: conv.sequence,
          step: name,
          index,
          description: `tool loop, step 2: the assistant turn sent back unchanged, then ${what} (${after})`,
          messages: [question, turn, result],
          extra: { tools: body.tools },
          maxTokens: 64,
          features,
          conversation: extra,
        });
      const plain = step(
        'result_string',
        2,
        'a tool_result whose content is a string',
        toolResults(calls, (c) => RESULT[String(c.name)] ?? RESULT.get_weather),
        ['tool_round_trip'],
      );
      return {
        cases: [
          plain,
          step(
            'result_text_and_image',
            2,
            'a tool_result of a text block and an image',
            toolResults(calls, (c) => [{ type: 'text', text: RESULT[String(c.name)] ?? RESULT.get_weather }, IMAGE]),
            ['tool_round_trip', 'images'],
            { withoutImage: plain.name },
          ),
          step(
            'result_is_error',
            2,
            'a tool_result with is_error: true',
            toolResults(calls, () => 'Error: the weather service timed out.', { is_error: true }),
            ['tool_round_trip'],
          ),
        ],
      };
    }
    case 'parallel_tools': {
      if (calls.length < 2)
        return {
          notApplicable: {
            features: ['parallel_tools'],
            reason: `the answer made ${calls.length} call(s)${cut}: no parallel calls to answer (a model may choose one at a time)`,
          },
        };
      return {
        cases: [
          stepCase(run, form, {
            sequence: conv.sequence,
            step: 'results',
            index: 2,
            description: `parallel tools, step 2: the ${calls.length} calls answered in one user turn, in the order called (${after})`,
            messages: [question, turn, toolResults(calls, (c) => RESULT[String(c.name)] ?? RESULT.get_weather)],
            extra: { tools: body.tools },
            maxTokens: 64,
            features: ['parallel_tools', 'tool_round_trip'],
          }),
        ],
      };
    }
    case 'thinking_round_trip': {
      const thought = (answer.content as Body[]).some((b) => b?.type === 'thinking' || b?.type === 'redacted_thinking');
      if (!calls.length || !thought)
        return {
          notApplicable: {
            features: ['thinking_round_trip'],
            reason: `the answer ${calls.length ? 'carried no thinking block' : 'called no tool'}${cut}: there is no thinking turn with a tool_use to send back`,
          },
        };
      const results = toolResults(calls, (c) => RESULT[String(c.name)] ?? RESULT.get_weather);
      const step = (
        name: string,
        what: string,
        sentBack: Message,
        features: FeatureId[],
        meta: Partial<CaseMeta> = {},
      ) =>
        stepCase(run, form, {
          sequence: conv.sequence,
          step: name,
          index: 2,
          description: `thinking round trip, step 2: ${what}, then the tool_result (${after})`,
          messages: [question, sentBack, results],
          extra: { tools: body.tools, thinking: body.thinking },
          maxTokens: THINKING_MAX_TOKENS,
          features,
          meta,
        });
      const altered = withAlteredSignature(turn);
      return {
        cases: [
          step('round_trip', 'the thinking blocks sent back byte for byte with the tool_use', turn, [
            'thinking_round_trip',
            'tool_round_trip',
          ]),
          ...(altered
            ? [
                step(
                  'altered_signature',
                  'the same turn with one character of the thinking signature changed',
                  altered,
                  ['thinking_round_trip'],
                  {
                    expect: { status: 400, errorType: 'invalid_request_error' },
                    unverified:
                      'the API\'s 400 "Invalid `signature` in `thinking` block" is quoted in public reports (ding113/claude-code-hub#518, kaitranntt/ccs#415), not recorded',
                  },
                ),
              ]
            : []),
        ],
      };
    }
    default:
      return { cases: [] };
  }
}

export const CONVERSATIONS_AREA: AreaDef = {
  id: 'conversations',
  title: 'Conversations (each next request built from the previous answer)',
  profiles: ['full'],
  group: 'messages',
  checks: [
    ...COMMON_CHECKS,
    'response_schema_conformance',
    'error_envelope',
    'sse_framing',
    'stream_event_schema',
    'stream_grammar',
    'stream_message_valid',
    'max_tokens_honoured',
    'tool_choice_honoured',
    'thinking_honoured',
    'usage_accounts_for_content',
    'stop_reason_known',
    'new_values_named',
    'positive_data_acceptance',
    'negative_data_rejection',
    'error_message_names_field',
    'tool_round_trip',
    'tool_result_image_counted',
    'parallel_tool_round_trip',
    'thinking_round_trip',
    'prefill_continued',
    'tool_input_streamed',
  ],
  cases: conversationCases,
  next: nextConversationCases,
};
