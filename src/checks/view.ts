/**
 * What several checks derive from one exchange (stream events, grammar, the reassembled message),
 * computed once per exchange.
 */
import type { Exchange } from '../http/exchange';
import { accumulate, type Accumulated } from '../stream/accumulate';
import { toStreamEvents, type StreamEvent } from '../stream/events';
import { checkGrammar, type GrammarResult } from '../stream/grammar';

export interface ExchangeView {
  events?: StreamEvent[];
  grammar?: GrammarResult;
  accumulated?: Accumulated;
  /** The final Message: the JSON body of a 200 to POST /v1/messages, or the message a complete stream describes. */
  message?: Record<string, unknown>;
}

const cache = new WeakMap<Exchange, ExchangeView>();

export function viewOf(ex: Exchange): ExchangeView {
  let v = cache.get(ex);
  if (v) return v;
  v = {};
  const res = ex.response;
  if (res?.events) {
    v.events = toStreamEvents(res.events);
    v.grammar = checkGrammar(v.events);
    v.accumulated = accumulate(v.events);
    if (v.grammar.stopped && !v.grammar.errorEvent) v.message = v.accumulated.message;
  } else if (
    res &&
    res.status === 200 &&
    ex.case.operation === 'messages' &&
    typeof res.json === 'object' &&
    res.json !== null
  ) {
    // Only a Messages answer is a Message: a token count or a page of models never is.
    v.message = res.json as Record<string, unknown>;
  }
  cache.set(ex, v);
  return v;
}

/**
 * Lets go of what a huge answer's view holds once its checks have run (the parsed events of a 10 MB
 * stream weigh several times the body): the final message stays, for the checks that compare
 * exchanges afterwards and for the run's token count.
 */
export function slimView(ex: Exchange): void {
  const v = cache.get(ex);
  if (!v) return;
  cache.set(ex, {
    message: v.message,
    accumulated: v.accumulated?.message ? { message: v.accumulated.message, problems: [] } : undefined,
  });
}

export function textOf(message: Record<string, unknown>): string[] {
  const content = Array.isArray(message.content) ? (message.content as Array<Record<string, unknown>>) : [];
  return content.filter((b) => b?.type === 'text' && typeof b.text === 'string').map((b) => b.text as string);
}

export function blocksOf(message: Record<string, unknown>): Array<Record<string, unknown>> {
  return Array.isArray(message.content)
    ? (message.content as Array<Record<string, unknown>>).filter((b) => b && typeof b === 'object')
    : [];
}
