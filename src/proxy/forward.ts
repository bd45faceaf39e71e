/**
 * The forwarding half of the proxy: every request goes to the upstream as it came (method, path,
 * query, headers but the hop-by-hop ones, body streamed), and every answer comes back as it came,
 * chunk by chunk as the upstream writes it (nothing is buffered: a stream's events reach the client
 * when they arrive). Redirects are passed on, never followed. A copy of each body is kept, bounded
 * (capture.ts), and handed over once the exchange ends. A client that goes away ends its own
 * upstream request only.
 */
import http from 'node:http';
import https from 'node:https';
import { captureBody } from './capture';
import type { CapturedExchange } from './har';

/** Headers that describe one connection, not the message (RFC 9110 section 7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** How an exchange ended, for the proxy's bookkeeping. */
export type Ended =
  | { kind: 'complete'; exchange: CapturedExchange; notKept?: string }
  /** The client went away before the answer ended: not the server's doing, so not judged. */
  | { kind: 'client_gone'; method: string; path: string }
  /** The upstream could not be reached (the client got a 502 from the proxy). */
  | { kind: 'upstream_unreachable'; method: string; path: string; message: string };

function forwardable(headers: http.IncomingHttpHeaders, drop: string[] = []): http.OutgoingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((s) => s.trim()),
  );
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined && !HOP_BY_HOP.has(k) && !named.has(k) && !drop.includes(k)) out[k] = v;
  return out;
}

const flat = (headers: http.IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]])),
  );

/** A short line naming the client's request: method, path, who sent it, the start of its body. */
function describeRequest(method: string, path: string, headers: Record<string, string>, body: string): string {
  const agent = headers['user-agent'] ? ` from ${headers['user-agent'].slice(0, 60)}` : '';
  const excerpt = body ? ` ${body.replace(/\s+/g, ' ').slice(0, 160)}${body.length > 160 ? '…' : ''}` : '';
  return `client request ${method} ${path}${agent}:${excerpt}`;
}

export function forwarder(upstream: URL, onEnd: (ended: Ended) => void): http.RequestListener {
  const base = upstream.pathname.replace(/\/+$/, '');
  const client = upstream.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: Infinity });
  return (req, res) => {
    const startedAt = new Date();
    const method = req.method ?? 'GET';
    // A client set to use it as an HTTP proxy sends the absolute URL: its path is what counts.
    const asked = /^https?:\/\//i.test(req.url ?? '') ? new URL(req.url!) : undefined;
    const target = new URL(`${upstream.origin}${base}${asked ? `${asked.pathname}${asked.search}` : (req.url ?? '/')}`);
    // As sent upstream: the Host is the upstream's (a reproduction goes there).
    const requestHeaders = { ...flat(req.headers), host: target.host };
    const requestCopy = captureBody(req.headers['content-encoding'] as string | undefined);
    let responseHeaders: Record<string, string> = {};
    let status = 0;
    let responseCopy: ReturnType<typeof captureBody> | undefined;
    let cut: { kind: string; message: string } | undefined;
    let settled = false;
    res.socket?.setNoDelay(true);

    const up = client.request(target, {
      method,
      headers: { ...forwardable(req.headers, ['host']), host: target.host },
      agent,
    });
    up.on('socket', (s) => s.setNoDelay(true));
    req.on('data', (chunk: Buffer) => requestCopy.push(chunk));
    req.pipe(up);

    up.on('response', (ures) => {
      status = ures.statusCode ?? 0;
      responseHeaders = flat(ures.headers);
      responseCopy = captureBody(ures.headers['content-encoding'] as string | undefined);
      res.writeHead(status, ures.statusMessage, forwardable(ures.headers));
      res.flushHeaders();
      ures.on('data', (chunk: Buffer) => responseCopy!.push(chunk));
      ures.pipe(res);
      ures.on('error', (e) => {
        cut ??= { kind: 'reset', message: `the connection broke while the upstream sent the body: ${e.message}` };
      });
      ures.on('aborted', () => {
        cut ??= { kind: 'reset', message: 'the upstream closed the connection before the body ended' };
      });
      ures.on('close', () => {
        // The upstream cut the body: the client is cut the same way (its answer is not completed for it).
        if (!ures.complete) {
          cut ??= { kind: 'reset', message: 'the upstream closed the connection before the body ended' };
          res.destroy();
        }
        void finish();
      });
    });
    up.on('error', (e) => {
      if (settled || res.destroyed) return;
      if (!res.headersSent) {
        settled = true;
        const message = `cannot reach the upstream ${upstream.origin}: ${(e as NodeJS.ErrnoException).code ?? e.message}`;
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ type: 'error', error: { type: 'api_error', message: `validating proxy: ${message}` } }),
        );
        onEnd({ kind: 'upstream_unreachable', method, path: target.pathname, message });
      }
    });
    res.on('close', () => {
      if (res.writableFinished || cut) return;
      // The client left mid-answer: only its own upstream request ends.
      up.destroy();
      if (settled) return;
      settled = true;
      onEnd({ kind: 'client_gone', method, path: target.pathname });
    });

    async function finish(): Promise<void> {
      if (settled) return;
      if (!cut && !res.writableFinished) await new Promise((r) => res.once('finish', r).once('close', r));
      if (settled || (!cut && !res.writableFinished)) return;
      settled = true;
      const [request, response] = await Promise.all([requestCopy.end(), responseCopy!.end()]);
      const notKept =
        request.overflow || response.overflow
          ? `a body over the proxy's cap (${request.bytes} bytes sent, ${response.bytes} received)`
          : (request.error ?? response.error);
      onEnd({
        kind: 'complete',
        notKept,
        exchange: {
          startedAt,
          method,
          url: target.toString(),
          httpVersion: req.httpVersion,
          requestHeaders,
          requestBody: request.text,
          status,
          responseHeaders,
          responseBody: response.text,
          durationMs: Date.now() - startedAt.getTime(),
          comment: describeRequest(method, `${target.pathname}${target.search}`, requestHeaders, request.text),
          transportError: cut,
        },
      });
    }
  };
}
