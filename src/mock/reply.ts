/**
 * The reference mock's answer to a valid request: deterministic, and conformant by construction.
 * It echoes the last user text ("You said: …"), so a stop sequence in the prompt is met and honoured;
 * each word counts as one output token, so max_tokens cuts it; a forced tool is called with the
 * smallest input its schema accepts, and so is each offered tool the last user turn names (several
 * at once: parallel calls, unless disable_parallel_tool_use); enabled thinking adds a signed thinking
 * block first (signatures.ts checks it when it comes back).
 */
import { randomBytes } from 'node:crypto';
import { minimalInstance } from './instance';
import { mediaTokens } from './content';
import { signThinking } from './signatures';

type Body = Record<string, unknown>;
type Block = Record<string, unknown>;

export interface MockReply {
  message: Record<string, unknown>;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((b: Block) =>
      b?.type === 'text' ? String(b.text) : b?.type === 'tool_result' ? textOfContent(b.content) : '',
    )
    .filter(Boolean)
    .join(' ');
}

export const newId = (prefix: string) => `${prefix}_01${randomBytes(12).toString('hex').slice(0, 22)}`;

export function inputTokens(body: Body): number {
  const msgs = (body.messages as Array<{ content: unknown }>).map((m) => textOfContent(m.content)).join(' ');
  const system =
    typeof body.system === 'string' ? body.system : Array.isArray(body.system) ? textOfContent(body.system) : '';
  return Math.max(1, words(`${system} ${msgs}`).length + 3 + mediaTokens(body));
}

/** Takes up to `budget` words of `text`, stopping before the first requested stop sequence. */
function emit(
  text: string,
  budget: number,
  stops: string[],
): { text: string; used: number; stop?: string; cut: boolean } {
  let cutAt = text.length;
  let stop: string | undefined;
  for (const s of stops) {
    const i = s ? text.indexOf(s) : -1;
    if (i >= 0 && i < cutAt) [cutAt, stop] = [i, s];
  }
  const before = text.slice(0, cutAt);
  const all = before.match(/\S+\s*/g) ?? [];
  if (all.length > budget) return { text: all.slice(0, budget).join('').trimEnd(), used: budget, cut: true };
  return { text: stop ? before : before.trimEnd(), used: all.length, stop, cut: false };
}

export function reply(body: Body): MockReply {
  const maxTokens = body.max_tokens as number;
  const stops = (body.stop_sequences as string[] | undefined) ?? [];
  const msgs = body.messages as Array<{ role: string; content: unknown }>;
  const lastUser = [...msgs].reverse().find((m) => m.role === 'user');
  const content: Block[] = [];
  let budget = maxTokens;
  let stopReason = 'end_turn';
  let stopSequence: string | null = null;

  if ((body.thinking as { type?: string } | undefined)?.type === 'enabled') {
    const t = emit('Let me think about what was asked.', budget, []);
    content.push({ type: 'thinking', thinking: t.text, signature: signThinking(t.text) });
    budget -= t.used;
    if (t.cut) stopReason = 'max_tokens';
  }

  // Only the user's own words ask for a tool: a tool_result's text never does (a tool runner would loop).
  const asked =
    typeof lastUser?.content === 'string'
      ? lastUser.content
      : textOfContent(((lastUser?.content as Block[] | undefined) ?? []).filter((b) => b?.type === 'text'));
  const called = toolsToCall(body, asked);

  if (stopReason !== 'max_tokens' && called.length) {
    for (const tool of called) {
      if (budget < 1) {
        stopReason = 'max_tokens';
        break;
      }
      content.push({
        type: 'tool_use',
        id: newId('toolu'),
        name: tool.name,
        input: minimalInstance(tool.input_schema as Block),
      });
      budget -= 1;
      stopReason = 'tool_use';
    }
  } else if (stopReason !== 'max_tokens') {
    const said = textOfContent(lastUser?.content) || '…';
    const prefilled = msgs.at(-1)?.role === 'assistant';
    const t = emit(prefilled ? 'and here is the rest of the answer.' : `You said: ${said}`, budget, stops);
    if (t.text) content.push({ type: 'text', text: t.text });
    budget -= t.used;
    if (t.cut) stopReason = 'max_tokens';
    else if (t.stop !== undefined) [stopReason, stopSequence] = ['stop_sequence', t.stop];
  }

  return {
    message: {
      id: newId('msg'),
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: stopReason,
      stop_sequence: stopSequence,
      usage: {
        input_tokens: inputTokens(body),
        output_tokens: maxTokens - budget,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        service_tier: 'standard',
      },
    },
  };
}

/**
 * The tools the answer calls: the forced one (`tool`); under `any` or `auto` each offered tool the
 * last user turn names, in the order offered (`any` with none named: the first tool); one at most
 * with disable_parallel_tool_use; none under `none`.
 */
function toolsToCall(body: Body, asked: string): Block[] {
  const tools = ((body.tools as Block[] | undefined) ?? []).filter((t) => t.input_schema);
  const choice = (body.tool_choice ?? { type: 'auto' }) as {
    type?: string;
    name?: string;
    disable_parallel_tool_use?: boolean;
  };
  if (choice.type === 'tool') return tools.filter((t) => t.name === choice.name).slice(0, 1);
  if (choice.type !== 'any' && choice.type !== 'auto') return [];
  const named = tools.filter((t) => new RegExp(`\\b${String(t.name).replace(/[^\w-]/g, '')}\\b`).test(asked));
  const called = named.length ? named : choice.type === 'any' ? tools.slice(0, 1) : [];
  return choice.disable_parallel_tool_use ? called.slice(0, 1) : called;
}
