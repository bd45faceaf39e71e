import { defineCheck, type Finding } from './failure';
import type { Exchange } from '../http/exchange';
import { isSse, requestValid } from './conditions';
import { viewOf } from './view';

/**
 * Each frame is `event: <name>` + one JSON `data:` line, and the name equals `data.type`
 * (https://docs.claude.com/en/docs/build-with-claude/streaming). The SDKs dispatch on the `event:` line and silently drop frames without one, so a
 * server that omits it loses every event for its clients. Whitespace inside the JSON is fine.
 */
export const sseFraming = defineCheck({
  id: 'sse_framing',
  title: 'Malformed SSE frame',
  source:
    'https://docs.anthropic.com/en/docs/build-with-claude/streaming (event types); anthropic-sdk-typescript src/core/streaming.ts (dispatch on the event: line)',
  profiles: ['full', 'schema'],
  operations: ['messages'],
  when: [isSse, requestValid],
  run(_ctx, ex) {
    const findings: Finding[] = [];
    const events = viewOf(ex).events!;
    const res = ex.response!;
    // No frame at all (a JSON Message, an empty body): one finding, not one per symptom of it.
    if (events.length === 0)
      return [
        {
          detail: `Received: a ${res.status} stream with no events (Content-Type: ${res.headers['content-type'] ?? 'none'})\nBody: ${res.text.slice(0, 200) || '<EMPTY>'}${accepted(ex)}\nExpected: the event stream a request with "stream": true asks for`,
          key: 'empty',
        },
      ];
    for (const e of events) {
      if (e.parseError)
        findings.push({
          detail: `event #${e.n}: data is not a JSON object (${e.parseError})\nFrame: ${e.frame.raw.trim().slice(0, 300)}`,
          key: 'data_json',
          eventIndex: e.n,
        });
      else if (e.name === undefined)
        findings.push({
          detail: `event #${e.n}: no "event:" line (data.type ${JSON.stringify(e.data?.type)})\nFrame: ${e.frame.raw.trim().slice(0, 300)}`,
          key: 'event_line',
          eventIndex: e.n,
        });
      else if (e.name !== e.data?.type)
        findings.push({
          detail: `event #${e.n}: "event: ${e.name}" but data.type is ${JSON.stringify(e.data?.type)}`,
          key: 'name_matches_type',
          eventIndex: e.n,
        });
    }
    const trailing = res.sseTrailing;
    if (trailing)
      findings.push({
        detail: `the stream ended inside a frame (no blank line after it): ${trailing.trim().slice(0, 300)}`,
        key: 'unterminated_frame',
      });
    // One finding per kind is enough to explain a stream: keep the first of each.
    const seen = new Set<string>();
    return findings.filter((f) => !seen.has(f.key!) && seen.add(f.key!));
  },
});

/** The Accept header sent, when it was not text/event-stream: the likely reason a server answered otherwise. */
const accepted = (ex: Exchange) => {
  const accept = ex.request.headers.accept;
  return accept && !/event-stream/.test(accept)
    ? `\nSent: Accept: ${accept} (the official SDKs send it on streams too; a stream is asked for by "stream": true)`
    : '';
};
