import { defineCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { hasResponse } from './conditions';
import { viewOf } from './view';

/**
 * JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1), and so must an event stream
 * (the SSE standard decodes it as UTF-8). A lenient decoder turns a bad byte into U+FFFD without a
 * word, so the client records where the wire first broke it (`response.invalidUtf8`); this check
 * reports it, naming the stream event whose text carries the replacement character.
 */
export const validUtf8 = defineCheck({
  id: 'valid_utf8',
  title: 'Body is not valid UTF-8',
  source:
    'https://www.rfc-editor.org/rfc/rfc8259#section-8.1; https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [hasResponse],
  run(_ctx, ex) {
    const res = ex.response!;
    const bad = res.invalidUtf8;
    if (!bad) return [];
    const event = res.events ? viewOf(ex).events?.find((e) => e.frame.data.includes('\uFFFD')) : undefined;
    const where = event
      ? `in stream event #${event.n} (${String(event.data?.type ?? event.name)}${(event.data?.delta as { type?: string } | undefined)?.type ? `, ${(event.data!.delta as { type: string }).type}` : ''})`
      : res.events
        ? 'in the stream'
        : `in the ${res.status} body`;
    const at = res.text.indexOf('\uFFFD');
    const decoded = event
      ? event.frame.data.slice(0, 200)
      : at >= 0
        ? res.text.slice(Math.max(0, at - 60), at + 60)
        : '';
    return [
      {
        detail: `Received: bytes that are not UTF-8 ${where}${decoded ? `\nDecoded as (U+FFFD where the bytes broke): ${decoded}` : ''}\nWire: the first bad byte is at offset ${bad.offset} of the body; the bytes around it: ${bad.excerpt}\nExpected: a body encoded as UTF-8`,
        key: res.events ? 'sse' : 'json',
        eventIndex: event?.n,
      },
    ];
  },
});
