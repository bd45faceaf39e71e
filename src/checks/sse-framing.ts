import type { Check, Finding } from './failure';
import { isSse } from './conditions';
import { viewOf } from './view';

/**
 * Each frame is `event: <name>` + one JSON `data:` line, and the name equals `data.type`
 * (https://docs.claude.com/en/docs/build-with-claude/streaming). The SDKs dispatch on the `event:` line and silently drop frames without one, so a
 * server that omits it loses every event for its clients. Whitespace inside the JSON is fine.
 */
export const sseFraming: Check = {
  id: 'sse_framing',
  title: 'Malformed SSE frame',
  source: 'https://docs.claude.com/en/docs/build-with-claude/streaming; tests/fixtures/recorded/README.md "SSE framing"',
  profiles: ['full', 'schema'],
  when: [isSse],
  run(_ctx, ex) {
    const findings: Finding[] = [];
    const events = viewOf(ex).events!;
    if (events.length === 0) findings.push({ detail: `Received: a ${ex.response!.status} text/event-stream with no events\nBody: ${ex.response!.text.slice(0, 200) || '<EMPTY>'}`, key: 'empty' });
    for (const e of events) {
      if (e.parseError) findings.push({ detail: `event #${e.n}: data is not a JSON object (${e.parseError})\nFrame: ${e.frame.raw.trim().slice(0, 300)}`, key: 'data_json', eventIndex: e.n });
      else if (e.name === undefined) findings.push({ detail: `event #${e.n}: no "event:" line (data.type ${JSON.stringify(e.data?.type)})\nFrame: ${e.frame.raw.trim().slice(0, 300)}`, key: 'event_line', eventIndex: e.n });
      else if (e.name !== e.data?.type) findings.push({ detail: `event #${e.n}: "event: ${e.name}" but data.type is ${JSON.stringify(e.data?.type)}`, key: 'name_matches_type', eventIndex: e.n });
    }
    const trailing = ex.response!.sseTrailing;
    if (trailing) findings.push({ detail: `the stream ended inside a frame (no blank line after it): ${trailing.trim().slice(0, 300)}`, key: 'unterminated_frame' });
    // One finding per kind is enough to explain a stream: keep the first of each.
    const seen = new Set<string>();
    return findings.filter((f) => !seen.has(f.key!) && seen.add(f.key!));
  },
};
