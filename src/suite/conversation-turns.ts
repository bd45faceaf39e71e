/**
 * How a client carries a conversation on: the assistant turn it sends back from an answer, the
 * tool_result turn answering its calls, and the transcript a report shows of it.
 * The assistant turn is the answer's own blocks, unchanged: thinking and redacted_thinking byte for
 * byte (the API checks their signatures: https://platform.claude.com/docs/en/build-with-claude/extended-thinking),
 * tool_use with its id and input (https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls).
 */
type Block = Record<string, unknown>;
export type Message = { role: 'user' | 'assistant'; content: string | Block[] };

/**
 * The members each block kind takes back in a request (the SDK's *BlockParam types): what an
 * answer carries beyond them (a future field, response-only citation data) is not sent back.
 * Text goes back without citations (no conversation here cites a document) and never empty (the API
 * refuses empty text blocks); server tool blocks never answer these requests, which offer none.
 */
const SENT_BACK: Record<string, string[]> = {
  thinking: ['type', 'thinking', 'signature'],
  redacted_thinking: ['type', 'data'],
  tool_use: ['type', 'id', 'name', 'input', 'caller', 'toolset_name'],
  text: ['type', 'text'],
};

/** The assistant turn a client sends back for an answer's content. */
export function assistantTurn(message: Record<string, unknown>): Message {
  const blocks = (Array.isArray(message.content) ? (message.content as Block[]) : []).filter(
    (b) => b && typeof b === 'object',
  );
  const content = blocks
    .filter((b) => SENT_BACK[String(b.type)] && !(b.type === 'text' && !String(b.text ?? '').trim()))
    .map((b) => Object.fromEntries(SENT_BACK[String(b.type)]!.filter((k) => b[k] !== undefined).map((k) => [k, b[k]])));
  return { role: 'assistant', content };
}

export const toolCalls = (message: Record<string, unknown> | undefined): Block[] =>
  (Array.isArray(message?.content) ? (message!.content as Block[]) : []).filter((b) => b?.type === 'tool_use');

/** One user turn answering every call, in the order called. */
export function toolResults(calls: Block[], content: (call: Block) => unknown, extra: Block = {}): Message {
  return {
    role: 'user',
    content: calls.map((c) => ({ type: 'tool_result', tool_use_id: c.id, content: content(c), ...extra })),
  };
}

/**
 * The same turn with the first thinking block's signature changed in one character (the middle
 * one, so that any signing scheme's check sees it), or undefined when there is none to change.
 */
export function withAlteredSignature(turn: Message): Message | undefined {
  if (!Array.isArray(turn.content)) return undefined;
  const at = turn.content.findIndex(
    (b) => b.type === 'thinking' && typeof b.signature === 'string' && b.signature.length > 0,
  );
  if (at < 0) return undefined;
  const sig = String(turn.content[at]!.signature);
  const i = Math.floor(sig.length / 2);
  const altered = `${sig.slice(0, i)}${sig[i] === 'A' ? 'B' : 'A'}${sig.slice(i + 1)}`;
  return { ...turn, content: turn.content.map((b, n) => (n === at ? { ...b, signature: altered } : b)) };
}

const quote = (s: unknown, n = 100) => {
  const text = String(s ?? '');
  return JSON.stringify(text.length > n ? `${text.slice(0, n)}…` : text);
};

function blockLine(b: Block): string {
  switch (b.type) {
    case 'text':
      return `text ${quote(b.text)}`;
    case 'thinking':
      return `thinking (${String(b.thinking ?? '').length} characters, signature ${typeof b.signature === 'string' ? `${b.signature.length} characters …${b.signature.slice(-8)}` : JSON.stringify(b.signature)})`;
    case 'redacted_thinking':
      return `redacted_thinking (${String(b.data ?? '').length} characters)`;
    case 'tool_use':
      return `tool_use ${String(b.name)} ${JSON.stringify(b.input).slice(0, 120)} (id ${String(b.id)})`;
    case 'tool_result': {
      const parts =
        typeof b.content === 'string'
          ? [quote(b.content)]
          : Array.isArray(b.content)
            ? (b.content as Block[]).map(blockLine)
            : [];
      return `tool_result for ${String(b.tool_use_id)}${b.is_error ? ' (is_error)' : ''}: ${parts.join(' + ') || '(no content)'}`;
    }
    case 'image':
      return `image (${String((b.source as Block | undefined)?.media_type ?? (b.source as Block | undefined)?.type ?? '?')})`;
    default:
      return String(b.type);
  }
}

/** The conversation a request carries, one line per block: `2. assistant: tool_use get_weather {…} (id …)`. */
export function transcript(messages: Message[]): string[] {
  return messages.flatMap((m, i) =>
    typeof m.content === 'string'
      ? [`${i + 1}. ${m.role}: ${quote(m.content)}`]
      : m.content.map((b) => `${i + 1}. ${m.role}: ${blockLine(b)}`),
  );
}
