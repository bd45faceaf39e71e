import { defineSetCheck } from './failure';
import type { Exchange } from '../http/exchange';
import { MODEL_CASE, answered } from './models-walk';

/**
 * Every model `GET /v1/models` names is one `POST /v1/messages` serves: the list is "the models
 * available for use with the API" (https://docs.claude.com/en/api/models-list), and clients such as
 * Claude Code offer what it lists. A listed model refused as unknown (404 not_found_error, or a 400
 * about `model`) breaks them. Judged on one request per listed model (max_tokens 1); 429 / 529 through
 * every retry are unavailability (the exchange is marked so), not a refusal.
 */
export const modelsListedAccepted = defineSetCheck({
  id: 'models_listed_accepted',
  title: 'A listed model is refused by /v1/messages',
  source:
    'https://docs.claude.com/en/api/models-list (the models available for use with the API); https://docs.claude.com/en/api/errors (404 not_found_error)',
  profiles: ['full'],
  operations: ['messages'],
  ran: (exchanges) => accepted(exchanges).length,
  run: (_ctx, exchanges) =>
    accepted(exchanges)
      .filter(refusedAsUnknown)
      .map((ex) => {
        const error = (ex.response!.json as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
        const said = [
          typeof error?.type === 'string' ? error.type : '',
          typeof error?.message === 'string' ? JSON.stringify(error.message.slice(0, 200)) : '',
        ]
          .filter(Boolean)
          .join(' ');
        const model = (ex.case.body as { model?: unknown }).model;
        return {
          exchange: ex,
          finding: {
            detail: `Received: ${ex.response!.status}${said ? ` ${said}` : ''} for POST /v1/messages with model ${JSON.stringify(model)}\nExpected: a model GET /v1/models lists is accepted by /v1/messages`,
            key: 'refused',
          },
        };
      }),
});

const accepted = (exchanges: Exchange[]) =>
  exchanges.filter((ex) => ex.case.name.startsWith(MODEL_CASE.accepted) && answered(ex));

function refusedAsUnknown(ex: Exchange): boolean {
  const { status, json } = ex.response!;
  if (status === 404) return true;
  const message = (json as { error?: { message?: unknown } } | undefined)?.error?.message;
  return status === 400 && typeof message === 'string' && /\bmodel\b/i.test(message);
}
