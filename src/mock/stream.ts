/** Renders a Message as the event sequence the API streams (https://docs.claude.com/en/docs/build-with-claude/streaming), ping included. */
export interface MockEvent {
  event: string;
  data: Record<string, unknown>;
}

type Block = Record<string, unknown>;

/** Splits a string into pieces of about `size` characters (never inside a surrogate pair). */
function pieces(s: string, size: number): string[] {
  const chars = Array.from(s);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function blockEvents(block: Block, index: number): MockEvent[] {
  const ev = (type: string, rest: Record<string, unknown>): MockEvent => ({
    event: type,
    data: { type, index, ...rest },
  });
  switch (block.type) {
    case 'text':
      // Citations come first, one citations_delta each, as the API streams them (recorded: stream-document-02.json).
      return [
        ev('content_block_start', {
          content_block: Array.isArray(block.citations)
            ? { citations: [], type: 'text', text: '' }
            : { type: 'text', text: '' },
        }),
        ...((block.citations as unknown[] | undefined) ?? []).map((citation) =>
          ev('content_block_delta', { delta: { type: 'citations_delta', citation } }),
        ),
        ...pieces(String(block.text), 12).map((text) =>
          ev('content_block_delta', { delta: { type: 'text_delta', text } }),
        ),
        ev('content_block_stop', {}),
      ];
    case 'thinking':
      return [
        ev('content_block_start', { content_block: { type: 'thinking', thinking: '', signature: '' } }),
        ...pieces(String(block.thinking), 16).map((thinking) =>
          ev('content_block_delta', { delta: { type: 'thinking_delta', thinking } }),
        ),
        ev('content_block_delta', { delta: { type: 'signature_delta', signature: block.signature } }),
        ev('content_block_stop', {}),
      ];
    case 'tool_use':
      return [
        ev('content_block_start', { content_block: { ...block, input: {} } }),
        ...pieces(JSON.stringify(block.input), 8).map((partial_json) =>
          ev('content_block_delta', { delta: { type: 'input_json_delta', partial_json } }),
        ),
        ev('content_block_stop', {}),
      ];
    default:
      return [ev('content_block_start', { content_block: block }), ev('content_block_stop', {})];
  }
}

export function toEvents(message: Record<string, unknown>): MockEvent[] {
  const usage = message.usage as Record<string, number>;
  const start = {
    ...message,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens ?? 0) },
  };
  const content = message.content as Block[];
  return [
    { event: 'message_start', data: { type: 'message_start', message: start } },
    { event: 'ping', data: { type: 'ping' } },
    ...content.flatMap(blockEvents),
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
        usage: { output_tokens: usage.output_tokens },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

export const frame = (e: MockEvent) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
