/** Preconditions for checks, stacked as lists rather than branches inside each check. */
import type { Exchange } from '../http/exchange';
import { isStreamRequest } from '../http/exchange';
import { viewOf } from './view';

export const hasResponse = (ex: Exchange) => ex.response !== undefined;
export const isSse = (ex: Exchange) => ex.response?.events !== undefined;
export const isJsonResponse = (ex: Exchange) => hasResponse(ex) && !isSse(ex);
export const is2xx = (ex: Exchange) => (ex.response?.status ?? 0) >= 200 && (ex.response?.status ?? 0) < 300;
export const isError = (ex: Exchange) => (ex.response?.status ?? 0) >= 400;
export const streamRequested = (ex: Exchange) => isStreamRequest(ex);
/** Header checks do not apply to recorded exchanges whose recorder stripped headers. */
export const headersKept = (ex: Exchange) =>
  !(ex.case.meta as { headersStripped?: boolean } | undefined)?.headersStripped;
/** The exchange yields a final Message (a JSON 200 or a complete stream): semantic checks need one. */
export const hasMessage = (ex: Exchange) => viewOf(ex).message !== undefined;
/**
 * The request is one a conformant server accepts (no expected status, as for recorded traffic, counts
 * as valid). An invalid request gets only the rejected-or-not verdict, plus the status, headers and
 * envelope of what came back: the rules of a valid answer (schema of a 200, stream, semantics) do
 * not apply to an answer that should not exist.
 */
export const requestValid = (ex: Exchange) => (ex.case.meta?.expect?.status ?? 200) < 400;
/** The request is one every conformant server rejects (negative cases, auth cases that expect an error). */
export const requestInvalid = (ex: Exchange) => !requestValid(ex);
