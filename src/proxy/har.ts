/**
 * traffic.har: what passed through the proxy, as HAR 1.2 that `check-recorded` reads back with the
 * same verdicts. Credentials are redacted before anything is kept. Entries go to a spool file as
 * they complete, so memory does not grow with the traffic; traffic.har is assembled from the spool
 * on each write of the reports (written beside, then renamed: a reader never sees half a file).
 */
import { closeSync, createReadStream, createWriteStream, openSync, rmSync, writeSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { HarEntry } from '../recorded/load';
import { PROXY_HAR_CREATOR } from '../recorded/load';
import type { Redactor } from '../http/redact';

export const HAR_FILE = 'traffic.har';

export interface CapturedExchange {
  startedAt: Date;
  method: string;
  url: string;
  httpVersion: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  durationMs: number;
  comment: string;
  transportError?: { kind: string; message: string };
}

const list = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => ({ name, value }));
/** Rate-limit headers name tokens without carrying any: their values stay (the checks read them). */
const TOKEN_COUNTS = /^anthropic-ratelimit-/;
const responseHeaders = (headers: Record<string, string>, secrets: Redactor) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      TOKEN_COUNTS.test(name) ? secrets.text(value) : secrets.headerValue(name, value),
    ]),
  );

/** The exchange as a HAR entry, every credential the proxy has seen redacted. */
export function harEntry(c: CapturedExchange, secrets: Redactor): HarEntry {
  const url = new URL(c.url);
  const entry = {
    startedDateTime: c.startedAt.toISOString(),
    time: c.durationMs,
    comment: secrets.text(c.comment),
    request: {
      method: c.method,
      url: secrets.text(c.url),
      httpVersion: `HTTP/${c.httpVersion}`,
      headers: list(secrets.headers(c.requestHeaders)),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value: secrets.text(value) })),
      cookies: [],
      headersSize: -1,
      bodySize: Buffer.byteLength(c.requestBody),
      ...(c.method !== 'GET' && c.method !== 'HEAD'
        ? { postData: { mimeType: c.requestHeaders['content-type'] ?? '', text: secrets.text(c.requestBody) } }
        : {}),
    },
    response: {
      status: c.status,
      statusText: '',
      httpVersion: `HTTP/${c.httpVersion}`,
      headers: list(responseHeaders(c.responseHeaders, secrets)),
      cookies: [],
      content: {
        size: Buffer.byteLength(c.responseBody),
        mimeType: c.responseHeaders['content-type'] ?? '',
        text: secrets.text(c.responseBody),
      },
      redirectURL: c.responseHeaders.location ?? '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: c.durationMs, receive: 0 },
    ...(c.transportError ? { _transportError: c.transportError } : {}),
  };
  return entry;
}

/** Entries appended to a spool file as they complete; `writeTo` assembles the HAR from it. */
export class HarSpool {
  private fd: number;
  private count = 0;
  private bytes = 0;
  /** HAR writes run one after another, off the forwarding path (a long session's HAR is large). */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly spoolPath: string) {
    this.fd = openSync(spoolPath, 'w');
  }

  /** Appends an entry and returns its index in the HAR. */
  append(entry: object): number {
    const text = `${this.count ? ',\n' : ''}${JSON.stringify(entry)}`;
    writeSync(this.fd, text);
    this.bytes += Buffer.byteLength(text);
    return this.count++;
  }

  /** Writes traffic.har with the entries appended so far (streamed from the spool: the loop is never held). */
  writeTo(dir: string, version: string): Promise<string> {
    const size = this.bytes;
    const write = async () => {
      const file = path.join(dir, HAR_FILE);
      const partial = `${file}.partial`;
      const out = createWriteStream(partial);
      const put = async (chunk: string | Buffer) => {
        if (!out.write(chunk)) await once(out, 'drain');
      };
      await put(
        `{"log":{"version":"1.2","creator":{"name":${JSON.stringify(PROXY_HAR_CREATOR)},"version":${JSON.stringify(version)}},"entries":[\n`,
      );
      if (size > 0)
        for await (const chunk of createReadStream(this.spoolPath, { start: 0, end: size - 1 }))
          await put(chunk as Buffer);
      await new Promise<void>((resolve, reject) => out.end('\n]}}\n', () => resolve()).once('error', reject));
      await rename(partial, file);
      return file;
    };
    const done = this.pending.then(write);
    this.pending = done.catch(() => undefined);
    return done;
  }

  /** Waits for the HAR writes under way, then removes the spool. */
  async close(): Promise<void> {
    await this.pending;
    closeSync(this.fd);
    rmSync(this.spoolPath, { force: true });
  }
}
