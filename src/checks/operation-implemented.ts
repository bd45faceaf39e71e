import { defineSetCheck } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';

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
    exchanges
      .filter((ex) => ex.case.meta?.probe && ex.response?.status === 404 && !ex.unavailable)
      .map((ex) => ({
        exchange: ex,
        finding: {
          detail: `Received: 404 to ${ex.request.method} ${new URL(ex.request.url).pathname}, a valid request\nExpected: the operation answered (clients such as Claude Code and the SDKs call it)`,
          key: 'not_found',
        },
      })),
});
