/**
 * The start-up reachability probe: is anything answering at the base URL? A wrong URL must fail in
 * seconds with one line instead of a hundred timeouts. Any byte back proves the host is there — a
 * 404, an answer that is not valid HTTP, a status line whose headers never end: all are a server
 * answering (the suite then judges what it answers). Only a connection that cannot be made, or a
 * silence of PREFLIGHT_MS, is unreachable. Nothing is sent to the API itself (a HEAD to the base URL).
 */
import http from 'node:http';
import https from 'node:https';
import { describeFetchError } from './client';

const PREFLIGHT_MS = 10_000;

export class TargetUnreachable extends Error {
  override name = 'TargetUnreachable';
}

/** Resolves once the target sends anything back; throws TargetUnreachable otherwise. */
export async function preflight(baseUrl: string, timeoutMs = PREFLIGHT_MS): Promise<void> {
  const why = await firstByte(baseUrl, timeoutMs);
  if (why) throw new TargetUnreachable(`target unreachable: ${why} (ANTHROPIC_BASE_URL=${baseUrl})`);
}

/** Undefined once a byte came back, else why none did. */
function firstByte(baseUrl: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (why: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(why);
    };
    const url = new URL(baseUrl);
    const req = (url.protocol === 'https:' ? https : http).request(url, { method: 'HEAD', agent: false });
    // The socket's first byte, before the HTTP parser has judged anything: an answer that never
    // finishes its headers, or that no parser accepts, still answered.
    req.on('socket', (socket) => socket.prependOnceListener('data', () => done(undefined)));
    req.on('response', () => done(undefined));
    // A parser error means bytes came back: the server answered, wrongly.
    req.on('error', (e: NodeJS.ErrnoException) =>
      done(e.code?.startsWith('HPE_') ? undefined : describeFetchError({ cause: e }, baseUrl)),
    );
    const timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    req.end();
  });
}
