import { defineSetCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import type { Exchange } from '../http/exchange';

/** Statuses that say "no such operation here": not found, method not allowed, not implemented. */
const MISSING = new Set([404, 405, 501]);

/**
 * The probe's answer says the operation is missing. A 404 whose error names the probe's model is
 * the operation answering (an unknown model), not a missing route.
 */
export function probeMissing(ex: Exchange): boolean {
  const res = ex.response;
  if (!ex.case.meta?.probe || !res || ex.unavailable || !MISSING.has(res.status)) return false;
  const model = (ex.case.body as { model?: unknown } | undefined)?.model;
  const message = (res.json as { error?: { message?: unknown } } | undefined)?.error?.message;
  return !(res.status === 404 && typeof model === 'string' && typeof message === 'string' && message.includes(model));
}

/**
 * The target implements the operation at all. Claude Code and the SDKs call count_tokens and the
 * models endpoints besides /v1/messages; a gateway that answers 404 there breaks them. The area's
 * probe (one valid request, sent first and alone) decides it, so an operation that is missing is
 * one finding, not one per request. With CONTRACT_OPERATIONS unset the area reports it as skipped
 * (the run covers what the target answers); when the operation was asked for, it fails.
 */
export const operationImplemented = defineSetCheck({
  id: 'operation_implemented',
  title: 'The operation is not implemented',
  source: 'https://docs.claude.com/en/api/messages-count-tokens; https://docs.claude.com/en/api/models-list',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  ran: (exchanges) => exchanges.filter((ex) => ex.case.meta?.probe && ex.response).length,
  run: (_ctx, exchanges) =>
    exchanges.filter(probeMissing).map((ex) => ({
      exchange: ex,
      finding: {
        detail: `Received: ${ex.response!.status} to ${ex.request.method} ${new URL(ex.request.url).pathname}, a valid request\nExpected: the operation answered (clients such as Claude Code and the SDKs call it)`,
        key: `status_${ex.response!.status}`,
      },
    })),
});
