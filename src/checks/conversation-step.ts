/**
 * What the conversation checks share: which step an exchange is, and the finding for a valid step
 * the target did not accept, named by its step (the report shows the conversation so far).
 */
import type { CheckContext, Finding } from './failure';
import type { ConversationStep, Exchange } from '../http/exchange';
import { modelRefusal, offeredRefusal } from './expected-status';
import { featureRefusal } from '../features/catalogue';
import type { FeatureId } from '../features/ids';

/** Content a conversation step may carry besides the round trip it tests. */
const CARRIED: FeatureId[] = ['images', 'documents', 'citations'];

export const stepOf = (ex: Exchange): ConversationStep | undefined => ex.case.meta?.conversation;

/** A precondition: the exchange is one of these steps of this sequence. */
export const isStep =
  (sequence: string, steps: string[]) =>
  (ex: Exchange): boolean => {
    const s = stepOf(ex);
    return s?.sequence === sequence && steps.includes(s.step);
  };

export const stepName = (s: ConversationStep) =>
  `step ${s.index} of the ${s.sequence.replace(/_/g, ' ')} conversation (${s.form === 'stream' ? 'streamed' : 'JSON'}: ${s.step})`;

/**
 * A valid step answered with anything but 200. A 400 that names a feature the model may lack
 * (prefill on the newest models) is the API's own behaviour: a warning (expected-status.ts); so is
 * a clean refusal of an optional feature the step carries, unless it is required.
 * `hint` says what the refusal most likely means for this step.
 */
export function notAccepted(ctx: CheckContext, ex: Exchange, hint: string): Finding[] {
  const res = ex.response;
  const step = stepOf(ex);
  if (!res || res.status === 200 || !step) return [];
  // A clean refusal of content the step carries besides its round trip (an image in a tool_result)
  // is that feature's verdict; refusing the round trip itself (tools, thinking) is its failure.
  const content = featureRefusal(ex)?.features.every((f) => CARRIED.includes(f));
  const refused = modelRefusal(ex, ctx) ?? (content ? offeredRefusal(ex, ctx) : undefined);
  if (refused) return [refused];
  const error = (res.json as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
  const said = error ? ` ${String(error.type)} ${JSON.stringify(String(error.message ?? '').slice(0, 300))}` : '';
  return [
    {
      detail: `Received: ${res.status}${said} to ${stepName(step)}\nExpected: 200: ${ex.case.meta?.description ?? 'a valid request'}\nHint: ${hint}`,
      key: `not_accepted:${step.step}`,
    },
  ];
}
