/**
 * Exchanges recorded earlier, as the same Exchange records a live run makes, so that the same
 * checks run on them: our recorded format (tests/fixtures/recorded/README.md in the repository) and HAR 1.2
 * (every POST …/v1/messages entry). Paths may be files or folders (read recursively).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Exchange, ReceivedResponse, RequestCase } from '../http/exchange';
import type { OperationId } from '../contract/operations';
import { parseSse } from '../stream/sse';

/** Recorders that strip response headers (tests/fixtures/recorded/README.md "Per-source recorder behaviour"). */
const HEADER_STRIPPING_SOURCES = [
  'pydantic/pydantic-ai',
  'Arize-ai/openinference',
  'crmne/ruby_llm',
  'crewAIInc/crewAI',
];

export interface Loaded {
  exchanges: Exchange[];
  /** Files that could not be read as either format. */
  errors: Array<{ file: string; message: string }>;
}

interface Recorded {
  source?: string;
  request: { method?: string; path?: string; query?: string; headers?: Record<string, string>; body?: unknown } | null;
  response: { status: number; headers?: Record<string, string>; body?: unknown; sse?: string };
}

/** Which operation a recorded request called (the contract's operationAt); the default knows only POST …/v1/messages. */
export type OperationAt = (method: string, pathname: string) => OperationId | undefined;
const messagesOnly: OperationAt = (method, pathname) =>
  method.toUpperCase() === 'POST' && pathname.endsWith('/v1/messages') ? 'messages' : undefined;

export function loadRecorded(paths: string[], operationAt: OperationAt = messagesOnly): Loaded {
  const out: Loaded = { exchanges: [], errors: [] };
  for (const p of paths)
    for (const file of listFiles(p)) {
      try {
        const doc = readJson(file);
        if ('log' in doc) {
          const { exchanges, errors } = fromHar(doc as unknown as Har, file, operationAt);
          out.exchanges.push(...exchanges);
          out.errors.push(...errors);
        } else if ('response' in doc) out.exchanges.push(fromRecorded(checkRecorded(doc), file, operationAt));
        else throw new Unreadable('neither a recorded exchange (no "response") nor a HAR file (no "log")');
      } catch (e) {
        out.errors.push({
          file,
          message: e instanceof Unreadable ? e.message : `cannot be read: ${(e as Error).message}`,
        });
      }
    }
  return out;
}

/** Why a file cannot be checked, in the user's terms. */
class Unreadable extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file as a JSON object, or an Unreadable saying what it is instead. */
function readJson(file: string): Record<string, unknown> {
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new Unreadable('empty file');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Unreadable(`not a text file (${bytes.length} bytes that are not UTF-8)`);
  }
  if (text.includes('\u0000')) throw new Unreadable(`not a text file (${bytes.length} bytes holding NUL characters)`);
  if (!text.trim()) throw new Unreadable('empty file (whitespace only)');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Unreadable(`not JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Unreadable(`not a JSON object (${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc})`);
  return doc as Record<string, unknown>;
}

function checkRecorded(doc: Record<string, unknown>): Recorded {
  const res = doc.response as { status?: unknown } | null;
  if (typeof res !== 'object' || res === null || typeof res.status !== 'number')
    throw new Unreadable('a recorded exchange without response.status (a number)');
  const req = doc.request;
  if (req !== undefined && req !== null && typeof req !== 'object')
    throw new Unreadable('a recorded exchange whose request is not an object');
  return doc as unknown as Recorded;
}

function listFiles(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p)
    .sort()
    .flatMap((f) => {
      const full = path.join(p, f);
      if (statSync(full).isDirectory()) return listFiles(full);
      return /\.(json|har)$/i.test(f) ? [full] : [];
    });
}

const lower = (h: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

function response(status: number, headers: Record<string, string>, text: string): ReceivedResponse {
  const res: ReceivedResponse = { status, headers, text };
  if (/^text\/event-stream/i.test(headers['content-type'] ?? '') || /^(event|data):/m.test(text.slice(0, 200))) {
    const { events, trailing } = parseSse(text);
    res.events = events;
    if (trailing) res.sseTrailing = trailing;
  } else if (text) {
    try {
      res.json = JSON.parse(text);
    } catch {
      // The checks report a body that is not JSON.
    }
  }
  return res;
}

function exchange(
  name: string,
  c: Omit<RequestCase, 'name'>,
  url: string,
  reqHeaders: Record<string, string>,
  res: ReceivedResponse,
  method = 'POST',
): Exchange {
  return {
    case: { name, ...c },
    request: {
      method: method.toUpperCase() === 'GET' ? 'GET' : 'POST',
      url,
      headers: reqHeaders,
      body: c.body === undefined ? '' : typeof c.body === 'string' ? c.body : JSON.stringify(c.body),
    },
    response: res,
    retried: [],
    unavailable: false,
    durationMs: 0,
  };
}

function fromRecorded(r: Recorded, file: string, operationAt: OperationAt = messagesOnly): Exchange {
  const headers = lower(r.response.headers);
  const stripped = Object.keys(headers).length === 0 || HEADER_STRIPPING_SOURCES.some((s) => r.source?.startsWith(s));
  const text = r.response.sse ?? (r.response.body === undefined ? '' : JSON.stringify(r.response.body));
  const res = response(r.response.status, headers, text);
  if (r.response.sse !== undefined && !res.events) Object.assign(res, { events: parseSse(text).events });
  const req = r.request;
  const url = `https://api.anthropic.com${req?.path ?? '/v1/messages'}${req?.query ? `?${req.query}` : ''}`;
  const method = req?.method ?? 'POST';
  const operation = operationAt(method, req?.path ?? '/v1/messages');
  if (!operation) throw new Unreadable(`${method} ${req?.path} is none of the operations the spec describes`);
  return exchange(
    path.basename(file),
    {
      operation,
      body: req?.body,
      query: req?.query,
      meta: {
        mode: 'recorded',
        description: r.source,
        headersStripped: stripped,
        beta: isBeta(req?.headers, req?.query),
      },
    },
    url,
    lower(req?.headers),
    res,
    method,
  );
}

const isBeta = (headers: Record<string, string> | undefined, query: string | undefined) =>
  Boolean(lower(headers)['anthropic-beta']) || /(^|&)beta=true(&|$)/.test(query ?? '');

export interface HarEntry {
  request: {
    method: string;
    url: string;
    headers: Array<{ name: string; value: string }>;
    postData?: { text?: string };
  };
  response: {
    status: number;
    headers: Array<{ name: string; value: string }>;
    content?: { text?: string; encoding?: string };
  };
  /** What the entry is, in a line (the validating proxy writes the client's request here). */
  comment?: string;
  /** The validating proxy's note that the answer never completed (a dropped connection). */
  _transportError?: { kind: string; message: string };
}

interface Har {
  log: { creator?: { name?: string }; entries: HarEntry[] };
}

/** The creator name of HAR files the validating proxy writes: their requests are a client's, judged too. */
export const PROXY_HAR_CREATOR = 'anthropic-conformance proxy';

/** The exchanges of a HAR file's entries that call an operation of the spec; an entry that cannot be read is named with its index. */
function fromHar(har: Har, file: string, operationAt: OperationAt = messagesOnly): Loaded {
  const entries = (har.log as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) throw new Unreadable('a HAR file without log.entries (an array of entries)');
  const out: Loaded = { exchanges: [], errors: [] };
  const client = har.log.creator?.name === PROXY_HAR_CREATOR;
  let messages = 0;
  entries.forEach((e: HarEntry, i) => {
    try {
      if (typeof e?.request?.url !== 'string' || typeof e.response?.status !== 'number')
        throw new Unreadable('no request.url or response.status');
      let url: URL;
      try {
        url = new URL(e.request.url);
      } catch {
        throw new Unreadable(`request.url is not a URL: ${JSON.stringify(e.request.url.slice(0, 200))}`);
      }
      const operation = operationAt(String(e.request.method), url.pathname);
      if (!operation) return;
      messages += 1;
      out.exchanges.push(fromHarEntry(e, i, url, file, operation, client));
    } catch (err) {
      out.errors.push({
        file: `${file}#${i}`,
        message:
          err instanceof Unreadable
            ? `HAR entry ${i}: ${err.message}`
            : `HAR entry ${i} cannot be read: ${(err as Error).message}`,
      });
    }
  });
  if (!messages && !out.errors.length)
    out.errors.push({
      file,
      message: `a HAR file with no entry for an operation of the spec (POST …/v1/messages, …) among its ${entries.length} entries: nothing to check`,
    });
  return out;
}

/** One HAR entry as an exchange named `<file>#<index>`; `client`: the request is an observed client's (the proxy's HAR). */
export function fromHarEntry(
  e: HarEntry,
  i: number,
  url: URL,
  file: string,
  operation: OperationId,
  client = false,
): Exchange {
  const pairs = (list: Array<{ name: string; value: string }> | undefined) =>
    Object.fromEntries((Array.isArray(list) ? list : []).map((h) => [String(h.name).toLowerCase(), String(h.value)]));
  const reqHeaders = pairs(e.request.headers);
  let body: unknown = e.request.postData?.text;
  try {
    body = JSON.parse(String(body));
  } catch {
    // Keep the raw text: the request was not JSON.
  }
  const content = e.response.content;
  const text =
    content?.encoding === 'base64' ? Buffer.from(content.text ?? '', 'base64').toString('utf8') : (content?.text ?? '');
  const query = url.search.slice(1) || undefined;
  const meta = {
    mode: 'recorded' as const,
    beta: isBeta(reqHeaders, query),
    ...(typeof e.comment === 'string' && e.comment ? { description: e.comment } : {}),
    ...(client ? { client } : {}),
  };
  const ex = exchange(
    `${path.basename(file)}#${i}`,
    { operation, body, query, meta },
    e.request.url,
    reqHeaders,
    response(e.response.status, pairs(e.response.headers), text),
    String(e.request.method),
  );
  const broken = e._transportError;
  if (broken && typeof broken.message === 'string')
    ex.transportError = { kind: broken.kind === 'too_large' ? 'too_large' : 'reset', message: broken.message };
  return ex;
}
