/**
 * The reference mock over HTTP, on 127.0.0.1 only. It serves `/v1/messages` under any path prefix
 * (as Microcks does). Every answer carries the headers the API sends on every answer (`request-id`,
 * `anthropic-organization-id`, the `anthropic-ratelimit-*` state: rate-limit.ts); `chaos` adds pacing
 * and faults on demand (chaos.ts). Fixture servers reuse it with one fault: `alter` rewrites the
 * decided result (`request` rewrites what reaches it first), `write` replaces how it goes on the
 * wire (stalls, broken framing, dropped connections).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Contract } from '../contract/spec';
import { errorResult, handle, type MockOptions, type MockRequest, type MockResult } from './handle';
import { frame } from './stream';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { drawFault, faultResult, jsonDelayMs, seeded, sleep, writeStream, type ChaosOptions } from './chaos';
import { PromptCache } from './cache';
import { ClientGrader, type ClientReport } from './client-grader';
import { writeReports } from '../engine/write-reports';

/** The organization the mock's key belongs to (the API names it on every answer). */
const MOCK_ORGANIZATION_ID = '00000000-0000-4000-8000-00000000a11c';

export interface Fault {
  /** Rewrites the request before the mock decides (a gateway that changes what it forwards). */
  request?(req: MockRequest): MockRequest;
  alter?(result: MockResult, req: MockRequest): MockResult | Promise<MockResult>;
  write?(res: http.ServerResponse, result: MockResult, req: MockRequest): void | Promise<unknown>;
}

export interface RunningServer {
  url: string;
  /** Requests received so far. */
  requests: () => number;
  /** The verdict on the client so far, when the mock grades it (`report` or `gradeClient`). */
  clientReport?: () => ClientReport;
  /** Stops the mock (and writes the client's reports when `report` names a folder). */
  close(): Promise<void>;
}

/** Writes a result the way the API does: JSON, or SSE frames. */
export function writeResult(res: http.ServerResponse, result: MockResult): void {
  if (result.events) {
    res.writeHead(result.status, {
      ...result.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    res.end(result.events.map(frame).join(''));
    return;
  }
  const body = JSON.stringify(result.json);
  res.writeHead(result.status, {
    ...result.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export interface ServerOptions extends MockOptions {
  port?: number;
  fault?: Fault;
  /** Pacing and injected faults (none by default). */
  chaos?: ChaosOptions;
  /** Per-minute limits to enforce (429 past them). Unset: the headers report generous limits, never enforced. */
  rateLimits?: RateLimitOptions;
  /** Grade the client: a verdict per request (clientReport()), and when a folder is given, its reports written there on close. */
  report?: string;
  gradeClient?: boolean;
}

export async function startMock(contract: Contract, options: ServerOptions): Promise<RunningServer> {
  const limiter = new RateLimiter(options.rateLimits);
  const chaos = options.chaos ?? {};
  const random = seeded(chaos.seed ?? 42);
  const cache = options.cache ?? new PromptCache();
  let count = 0;
  let url = '';
  const grader =
    options.report || options.gradeClient
      ? new ClientGrader(contract, { url: () => url, seed: chaos.seed ?? 42, apiKey: options.apiKey })
      : undefined;
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    count += 1;
    const arrivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const at = url.pathname.indexOf('/v1/');
        const mockReq: MockRequest = {
          method: req.method ?? 'GET',
          path: at >= 0 ? url.pathname.slice(at) : url.pathname,
          query: url.searchParams,
          headers: req.headers as Record<string, string | undefined>,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        let result = handle(
          contract,
          { ...options, cache },
          options.fault?.request ? options.fault.request(mockReq) : mockReq,
        );
        const stream = Boolean(result.events);
        const fault = result.status === 200 ? drawFault(chaos, random, stream) : undefined;
        if (fault === 'overloaded' || fault === 'rate_limited')
          result = { ...faultResult(fault, chaos), request: result.request };
        else if (result.status === 200 && result.request) {
          const usage = (
            (result.json ?? result.events?.[0]?.data.message) as { usage?: { input_tokens?: number } } | undefined
          )?.usage;
          const [input, max] = [usage?.input_tokens ?? 0, Number(result.request.max_tokens) || 0];
          const admission = options.rateLimits
            ? limiter.admit(input, max, String(result.request.model))
            : (limiter.record(input, max), {});
          if (admission.refused) {
            result = { ...errorResult(429, admission.refused, 'rate_limit_error'), request: result.request };
            result.headers['retry-after'] = String(admission.retryAfterSeconds);
          }
        }
        result = {
          ...result,
          headers: { ...result.headers, 'anthropic-organization-id': MOCK_ORGANIZATION_ID, ...limiter.headers() },
        };
        if (options.fault?.alter) result = await options.fault.alter(result, mockReq);
        let eventsWritten: number | undefined;
        if (options.fault?.write) await options.fault.write(res, result, mockReq);
        else if (fault === 'drop' && !result.events) res.socket?.destroy();
        else if (result.events && result.status === 200) eventsWritten = await writeStream(res, result, chaos, fault);
        else {
          await sleep(jsonDelayMs(result, chaos));
          writeResult(res, result);
        }
        const cut = Boolean(result.events) && (fault === 'drop' || fault === 'stream_error');
        grader?.record({
          req: mockReq,
          result,
          arrivedAt,
          answeredAt: Date.now(),
          eventsWritten,
          cut,
          dropped: fault === 'drop' && !result.events,
        });
      })().catch((e: unknown) => {
        res.destroy(e as Error);
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    requests: () => count,
    ...(grader ? { clientReport: () => grader.report() } : {}),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }).then(() => {
        if (grader && options.report) writeReports(options.report, grader.report().results);
      })),
  };
}
