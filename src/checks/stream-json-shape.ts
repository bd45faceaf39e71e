import { defineSetCheck, type Finding } from './failure';
import type { Exchange } from '../http/exchange';
import { blocksOf, viewOf } from './view';

/**
 * Streamed and non-streamed answers to the same request have the same shape: the same Message
 * fields, the same kinds of content blocks in order, the same stop_reason. The pair's request is
 * built so that every conformant answer is forced (a forced tool, or a cut at max_tokens), so a real
 * model's changing words cannot make the shapes differ.
 */
export const streamJsonSameShape = defineSetCheck({
  id: 'stream_json_same_shape',
  title: 'Streamed and non-streamed answers differ in shape',
  source:
    'https://docs.anthropic.com/en/docs/build-with-claude/streaming (a stream describes the same Message); anthropic-sdk-typescript src/lib/MessageStream.ts',
  profiles: ['full'],
  operations: ['messages'],
  ran: (exchanges) => pairs(exchanges).length,
  run: (_ctx, exchanges) =>
    pairs(exchanges).flatMap(([json, stream]) =>
      compare(json, stream).map((f) => ({
        exchange: stream,
        finding: { ...f, detail: `${f.detail}\n(JSON: ${json.case.name}; stream: ${stream.case.name})` },
      })),
    ),
});

/** Stream cases whose request names a JSON twin of forced shape (case meta `shapeTwin`), with that twin. */
function pairs(exchanges: Exchange[]): Array<[Exchange, Exchange]> {
  const byName = new Map(exchanges.map((ex) => [ex.case.name, ex]));
  return exchanges.flatMap((stream) => {
    const json = stream.case.meta?.shapeTwin ? byName.get(stream.case.meta.shapeTwin) : undefined;
    return json ? [[json, stream] as [Exchange, Exchange]] : [];
  });
}

function compare(json: Exchange, stream: Exchange): Finding[] {
  const a = viewOf(json).message;
  const b = viewOf(stream).message;
  if (!a || !b) return [];
  const findings: Finding[] = [];
  const shape = (m: Record<string, unknown>) => ({
    fields: ['id', 'type', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'usage'].filter((k) => k in m),
    blocks: blocksOf(m).map((x) => x.type),
    stop_reason: m.stop_reason,
    usage: Object.keys((m.usage as object) ?? {}).filter((k) => ['input_tokens', 'output_tokens'].includes(k)),
  });
  const [sa, sb] = [shape(a), shape(b)];
  for (const key of Object.keys(sa) as Array<keyof typeof sa>) {
    if (JSON.stringify(sa[key]) !== JSON.stringify(sb[key]))
      findings.push({
        detail: `${key}: non-streamed ${JSON.stringify(sa[key])}, streamed ${JSON.stringify(sb[key])}`,
        key,
      });
  }
  return findings;
}
