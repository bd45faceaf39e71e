import { defineSetCheck } from './failure';
import type { Exchange } from '../http/exchange';
import { viewOf } from './view';
import { inputTokensOf } from './usage-accounts';

/**
 * Content inside a tool_result reaches the model: the tool_result of a text block and an image costs
 * more input tokens than the same request whose tool_result is that text alone. Images cost input
 * tokens (https://docs.claude.com/en/docs/build-with-claude/vision: about width × height / 750; a
 * 1×1 PNG and a 21-character question counted 17 input tokens in recorded image-04.json, where
 * text alone counts about 13). Equal or fewer tokens: the image was dropped on the way.
 */
export const toolResultImageCounted = defineSetCheck({
  id: 'tool_result_image_counted',
  title: 'Image inside a tool_result dropped',
  source:
    'https://docs.anthropic.com/en/docs/build-with-claude/vision (image costs); https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use (tool_result content: text and image blocks)',
  profiles: ['full'],
  operations: ['messages'],
  ran: (exchanges) => pairs(exchanges).length,
  run: (_ctx, exchanges) =>
    pairs(exchanges).flatMap(([withImage, without]) => {
      const [a, b] = [inputOf(withImage), inputOf(without)];
      if (a === undefined || b === undefined || a > b) return [];
      return [
        {
          exchange: withImage,
          finding: {
            detail: `Received: ${a} input tokens for the tool_result with an image, ${b} for the same request without it (${without.case.name})\nExpected: more input tokens with the image: it never reached the model (dropped on the way?)`,
            key: 'not_counted',
          },
        },
      ];
    }),
});

const inputOf = (ex: Exchange): number | undefined => {
  const usage = viewOf(ex).message?.usage;
  return usage && typeof usage === 'object' && ex.response?.status === 200
    ? inputTokensOf(usage as Record<string, unknown>)
    : undefined;
};

/** Steps that name their image-less twin (meta.conversation.withoutImage), with that twin. */
function pairs(exchanges: Exchange[]): Array<[Exchange, Exchange]> {
  const byName = new Map(exchanges.map((ex) => [ex.case.name, ex]));
  return exchanges.flatMap((ex) => {
    const twin = ex.case.meta?.conversation?.withoutImage;
    const other = twin ? byName.get(twin) : undefined;
    return other && inputOf(ex) !== undefined && inputOf(other) !== undefined
      ? [[ex, other] as [Exchange, Exchange]]
      : [];
  });
}
