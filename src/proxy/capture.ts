/**
 * A copy of a body as it passes through, kept for the checks and the HAR, bounded: bytes past the
 * cap are forwarded but not kept, and the exchange is then not judged on its body. A compressed
 * body (content-encoding gzip, deflate, br) is decompressed on the copy only; what the client
 * receives is untouched.
 */
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

/** The most of one body the proxy keeps (a request of a long conversation is a few MB at most). */
const MAX_KEPT_BODY_BYTES = 8 * 1024 * 1024;

export interface BodyCapture {
  push(chunk: Buffer): void;
  /** The body as text, once it ended; `overflow` when it was larger than the cap, `error` when it could not be decoded. */
  end(): Promise<{ text: string; bytes: number; overflow: boolean; error?: string }>;
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

export function captureBody(contentEncoding?: string, cap = MAX_KEPT_BODY_BYTES): BodyCapture {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let wireBytes = 0;
  let overflow = false;
  let error: string | undefined;
  const keep = (chunk: Buffer) => {
    if (overflow) return;
    if (keptBytes + chunk.length > cap) {
      overflow = true;
      kept.length = 0;
      return;
    }
    kept.push(chunk);
    keptBytes += chunk.length;
  };
  const decoder = decoderFor(contentEncoding);
  const decoded = decoder
    ? new Promise<void>((resolve) => {
        decoder.on('data', keep);
        decoder.on('error', (e) => {
          error = `the ${contentEncoding} body could not be decoded: ${e.message}`;
          resolve();
        });
        decoder.on('end', resolve);
      })
    : Promise.resolve();
  return {
    push(chunk) {
      wireBytes += chunk.length;
      if (overflow || error) return;
      if (decoder) decoder.write(chunk);
      else keep(chunk);
    },
    async end() {
      decoder?.end();
      await decoded;
      return { text: overflow ? '' : Buffer.concat(kept).toString('utf8'), bytes: wireBytes, overflow, error };
    },
  };
}
