/**
 * traffic.har: what passed through the proxy, as HAR 1.2 that `check-recorded` reads back with the
 * same verdicts. Credentials are redacted before anything is kept. Entries go to a spool file as
 * they complete, so memory does not grow with the traffic; traffic.har is assembled from the spool
 * on each write of the reports (written beside, then renamed: a reader never sees half a file).
 */
import { closeSync, openSync, renameSync, rmSync, writeSync, readSync } from 'node:fs';
import path from 'node:path';
import type { HarEntry } from '../recorded/load';
import { PROXY_HAR_CREATOR } from '../recorded/load';
import { redact, redactHeaders } from '../http/redact';

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
const responseHeaders = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, TOKEN_COUNTS.test(name) ? redact(value) : (redactHeaders({ [name]: value })[name] ?? '')]));

export function harEntry(c: CapturedExchange): HarEntry {
  const url = new URL(c.url);
  const entry = {
    startedDateTime: c.startedAt.toISOString(),
    time: c.durationMs,
    comment: redact(c.comment),
    request: {
      method: c.method,
      url: redact(c.url),
      httpVersion: `HTTP/${c.httpVersion}`,
      headers: list(redactHeaders(c.requestHeaders)),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value: redact(value) })),
      cookies: [],
      headersSize: -1,
      bodySize: Buffer.byteLength(c.requestBody),
      ...(c.method !== 'GET' && c.method !== 'HEAD' ? { postData: { mimeType: c.requestHeaders['content-type'] ?? '', text: redact(c.requestBody) } } : {}),
    },
    response: {
      status: c.status,
      statusText: '',
      httpVersion: `HTTP/${c.httpVersion}`,
      headers: list(responseHeaders(c.responseHeaders)),
      cookies: [],
      content: { size: Buffer.byteLength(c.responseBody), mimeType: c.responseHeaders['content-type'] ?? '', text: redact(c.responseBody) },
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

  constructor(private readonly spoolPath: string) {
    this.fd = openSync(spoolPath, 'w');
  }

  /** Appends an entry and returns its index in the HAR. */
  append(entry: object): number {
    writeSync(this.fd, `${this.count ? ',\n' : ''}${JSON.stringify(entry)}`);
    return this.count++;
  }

  get entries(): number {
    return this.count;
  }

  writeTo(dir: string, version: string): string {
    const file = path.join(dir, HAR_FILE);
    const partial = `${file}.partial`;
    const out = openSync(partial, 'w');
    const input = openSync(this.spoolPath, 'r');
    try {
      writeSync(out, `{"log":{"version":"1.2","creator":{"name":${JSON.stringify(PROXY_HAR_CREATOR)},"version":${JSON.stringify(version)}},"entries":[\n`);
      const buffer = Buffer.alloc(1024 * 1024);
      for (let n; (n = readSync(input, buffer, 0, buffer.length, null)) > 0; ) writeSync(out, buffer, 0, n);
      writeSync(out, '\n]}}\n');
    } finally {
      closeSync(input);
      closeSync(out);
    }
    renameSync(partial, file);
    return file;
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.spoolPath, { force: true });
  }
}

