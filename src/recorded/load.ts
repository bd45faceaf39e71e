/**
 * Exchanges recorded earlier, as the same Exchange records a live run makes, so that the same
 * checks run on them: our recorded format (tests/fixtures/recorded/README.md in the repository) and HAR 1.2
 * (every POST …/v1/messages entry). Paths may be files or folders (read recursively).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Exchange, ReceivedResponse, RequestCase } from '../http/exchange';
import { parseSse } from '../stream/sse';

/** Recorders that strip response headers (tests/fixtures/recorded/README.md "Per-source recorder behaviour"). */
const HEADER_STRIPPING_SOURCES = ['pydantic/pydantic-ai', 'Arize-ai/openinference', 'crmne/ruby_llm', 'crewAIInc/crewAI'];

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

export function loadRecorded(paths: string[]): Loaded {
  const out: Loaded = { exchanges: [], errors: [] };
  for (const p of paths) for (const file of listFiles(p)) {
    try {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if ((doc as { log?: unknown }).log) out.exchanges.push(...fromHar(doc as unknown as Har, file));
      else if ((doc as { response?: unknown }).response) out.exchanges.push(fromRecorded(doc as unknown as Recorded, file));
      else out.errors.push({ file, message: 'neither a recorded exchange nor a HAR file' });
    } catch (e) {
      out.errors.push({ file, message: (e as Error).message });
    }
  }
  return out;
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

const lower = (h: Record<string, string> = {}) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

function response(status: number, headers: Record<string, string>, text: string): ReceivedResponse {
  const res: ReceivedResponse = { status, headers, text };
  if (/^text\/event-stream/i.test(headers['content-type'] ?? '') || /^(event|data):/m.test(text.slice(0, 200))) {
    const { events, trailing } = parseSse(text);
    res.events = events;
    if (trailing) res.sseTrailing = trailing;
  }
  else if (text) {
    try {
      res.json = JSON.parse(text);
    } catch {
      // The checks report a body that is not JSON.
    }
  }
  return res;
}

function exchange(name: string, c: Omit<RequestCase, 'name'>, url: string, reqHeaders: Record<string, string>, res: ReceivedResponse): Exchange {
  return {
    case: { name, ...c },
    request: { method: 'POST', url, headers: reqHeaders, body: c.body === undefined ? '' : typeof c.body === 'string' ? c.body : JSON.stringify(c.body) },
    response: res,
    retried: [],
    unavailable: false,
    durationMs: 0,
  };
}

export function fromRecorded(r: Recorded, file: string): Exchange {
  const headers = lower(r.response.headers);
  const stripped = Object.keys(headers).length === 0 || HEADER_STRIPPING_SOURCES.some((s) => r.source?.startsWith(s));
  const text = r.response.sse ?? (r.response.body === undefined ? '' : JSON.stringify(r.response.body));
  const res = response(r.response.status, headers, text);
  if (r.response.sse !== undefined && !res.events) Object.assign(res, { events: parseSse(text).events });
  const req = r.request;
  const url = `https://api.anthropic.com${req?.path ?? '/v1/messages'}${req?.query ? `?${req.query}` : ''}`;
  return exchange(
    path.basename(file),
    { body: req?.body, query: req?.query, meta: { mode: 'recorded', description: r.source, headersStripped: stripped, beta: isBeta(req?.headers, req?.query) } },
    url,
    lower(req?.headers),
    res,
  );
}

const isBeta = (headers: Record<string, string> | undefined, query: string | undefined) => Boolean(lower(headers)['anthropic-beta']) || /(^|&)beta=true(&|$)/.test(query ?? '');

interface Har {
  log: { entries: Array<{ request: { method: string; url: string; headers: Array<{ name: string; value: string }>; postData?: { text?: string } }; response: { status: number; headers: Array<{ name: string; value: string }>; content?: { text?: string; encoding?: string } } }> };
}

export function fromHar(har: Har, file: string): Exchange[] {
  return har.log.entries
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.request.method === 'POST' && new URL(e.request.url).pathname.endsWith('/v1/messages'))
    .map(({ e, i }) => {
      const pairs = (list: Array<{ name: string; value: string }>) => Object.fromEntries(list.map((h) => [h.name.toLowerCase(), h.value]));
      const reqHeaders = pairs(e.request.headers);
      let body: unknown = e.request.postData?.text;
      try {
        body = JSON.parse(String(body));
      } catch {
        // Keep the raw text: the request was not JSON.
      }
      const content = e.response.content;
      const text = content?.encoding === 'base64' ? Buffer.from(content.text ?? '', 'base64').toString('utf8') : (content?.text ?? '');
      const query = new URL(e.request.url).search.slice(1) || undefined;
      return exchange(`${path.basename(file)}#${i}`, { body, query, meta: { mode: 'recorded', beta: isBeta(reqHeaders, query) } }, e.request.url, reqHeaders, response(e.response.status, pairs(e.response.headers), text));
    });
}
