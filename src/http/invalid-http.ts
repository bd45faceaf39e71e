/**
 * An answer that is not valid HTTP (a header value with raw control characters, a bad chunk size)
 * is the server answering wrongly, not the server being down: fetch's HTTP parser (llhttp, in
 * undici) refuses it with an HTTPParserError whose code starts with `HPE_`. This names what it
 * refused, so that transport_complete can report it as non-conformance.
 */
import type { TransportError } from './exchange';

interface ParserError {
  name?: string;
  code?: string;
  message?: string;
  /** The bytes from where the parser stopped. */
  data?: string;
}

/** The parser error inside a fetch failure (it is the cause of fetch's TypeError), if that is what it was. */
function parserErrorOf(e: unknown): ParserError | undefined {
  for (
    let err = e as { cause?: unknown } | undefined, depth = 0;
    err && depth < 4;
    err = err.cause as typeof err, depth += 1
  ) {
    const p = err as ParserError;
    if (p.name === 'HTTPParserError' || (typeof p.code === 'string' && p.code.startsWith('HPE_'))) return p;
  }
  return undefined;
}

/** A transport error naming what the HTTP parser refused, or undefined when `e` is no parser error. */
export function invalidHttp(
  e: unknown,
  url: string,
  where: 'status line and headers' | 'body',
): TransportError | undefined {
  const p = parserErrorOf(e);
  if (!p) return undefined;
  // JSON-quoted: the bytes a parser refuses are often control characters.
  const near =
    typeof p.data === 'string' && p.data ? `; the bytes from there: ${JSON.stringify(p.data.slice(0, 80))}` : '';
  return {
    kind: 'invalid_http',
    message: `the answer from ${url} is not valid HTTP (in its ${where}): ${p.message ?? 'the parser refused it'} [${p.code ?? 'HPE'}]${near}`,
  };
}
