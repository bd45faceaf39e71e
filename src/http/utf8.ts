/** Is the wire UTF-8? A lenient decoder would silently turn bad bytes into U+FFFD and hide it. */
import { isUtf8 } from 'node:buffer';

/**
 * Where the body stops being UTF-8, if it does (the wire must be valid UTF-8; a lenient decoder
 * would silently turn the bytes into U+FFFD): the offset of the first bad byte and the bytes there.
 */
export function invalidUtf8At(body: Buffer): { offset: number; excerpt: string } | undefined {
  if (isUtf8(body)) return undefined;
  const offset = firstInvalidByte(body);
  return {
    offset,
    excerpt: [...body.subarray(Math.max(0, offset - 8), offset + 8)]
      .map((x) => x.toString(16).padStart(2, '0'))
      .join(' '),
  };
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629 §4: no overlongs, no surrogates, at most U+10FFFF). */
export function firstInvalidByte(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i += 1;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (!n || i + n >= b.length) return i;
    const second = b[i + 1]!;
    const [lo, hi] =
      c === 0xe0
        ? [0xa0, 0xbf]
        : c === 0xed
          ? [0x80, 0x9f]
          : c === 0xf0
            ? [0x90, 0xbf]
            : c === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}
