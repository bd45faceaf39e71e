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
export const headersKept = (ex: Exchange) => !(ex.case.meta as { headersStripped?: boolean } | undefined)?.headersStripped;
/** The exchange yields a final Message (a JSON 200 or a complete stream): semantic checks need one. */
export const hasMessage = (ex: Exchange) => viewOf(ex).message !== undefined;
