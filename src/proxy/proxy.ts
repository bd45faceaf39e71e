/**
 * The validating proxy: put it between real clients and a server (a gateway, the API, the mock)
 * and it forwards every exchange unchanged and unbuffered while it judges each one with the suite's
 * own checks: the client's request against the spec, and the answer's status, headers, body or
 * event stream and the rules every answer keeps. It listens on 127.0.0.1 only. Every N exchanges
 * and when closed it writes results.json, report.html and junit.xml as a run does, with the
 * traffic as traffic.har beside them (credentials redacted), which `check-recorded` reads back
 * with the same verdicts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config';
import { loadContract, type Contract } from '../contract/spec';
import { claimReports, type ClaimedReports } from '../report/reports-dir';
import { writeReports } from '../engine/write-reports';
import { exitCodeOf } from '../engine/exit-codes';
import { fromHarEntry } from '../recorded/load';
import { Redactor } from '../http/redact';
import type { RunResults } from '../report/results';
import type { Failure } from '../checks/failure';
import { forwarder, type Ended } from './forward';
import { harEntry, HarSpool, HAR_FILE, type CapturedExchange } from './har';
import { Verdicts } from './verdicts';

export interface ProxyOptions {
  /** Where requests go: a base URL (`https://gateway.example.com/anthropic`); the client's path is appended. */
  upstream: string;
  /** The port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Where the reports and traffic.har go; unset: nothing is written (close() still returns the results). */
  reportsDir?: string;
  /** Write the reports every N judged exchanges as well as on close (0 or unset: on close only). */
  everyN?: number;
  contract?: Contract;
  /** Hears of each judged exchange as it is judged (the command prints each new cause of failure at once). */
  onJudged?(judged: JudgedExchange): void;
}

export interface JudgedExchange {
  /** Its name in the reports: `traffic.har#<index in the HAR>`. */
  name: string;
  /** The client's request in a line (method, path, user agent, the start of its body). */
  request: string;
  status: number;
  failures: Failure[];
}

export interface ProxyStats {
  /** Exchanges forwarded, whatever happened to them. */
  forwarded: number;
  /** Exchanges judged (operations of the spec whose answer ended). */
  judged: number;
  /** Exchanges with an answer, outside the spec's operations (forwarded and in the HAR, not judged). */
  otherPaths: number;
  /** Failures and warnings found so far. */
  failures: number;
  warnings: number;
  /** Answers whose client went away before they ended (not judged: the client cut them). */
  clientGone: number;
  /** Requests the upstream could not be reached for (the client got a 502 from the proxy). */
  upstreamUnreachable: number;
  /** Exchanges whose bodies were too large to keep or could not be decoded (forwarded, not judged). */
  notKept: number;
}

export interface ProxyResults extends RunResults {
  exitCode: number;
  reportsDir?: string;
  harFile?: string;
  stats: ProxyStats;
  notes: string[];
}

export interface RunningProxy {
  url: string;
  stats(): ProxyStats;
  /** The verdicts so far (and writes the reports, when there is a reports folder). */
  flush(): Promise<ProxyResults>;
  /** Stops taking requests, lets those in flight end (a few seconds at most), writes the reports. */
  close(): Promise<ProxyResults>;
}

/** How long close() lets answers in flight finish before it cuts them. */
const CLOSE_GRACE_MS = 3_000;

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  let upstream: URL;
  try {
    upstream = new URL(options.upstream);
  } catch {
    throw new ConfigError(
      `--upstream ${JSON.stringify(options.upstream)}: not a URL (give http://host:port or https://host/prefix)`,
    );
  }
  if (!/^https?:$/.test(upstream.protocol))
    throw new ConfigError(`--upstream ${options.upstream}: only http and https upstreams`);
  const everyN = options.everyN ?? 0;
  if (!Number.isInteger(everyN) || everyN < 0)
    throw new ConfigError(`everyN ${everyN}: a whole number (0: reports on close only)`);
  const contract = options.contract ?? (await loadContract());
  const verdicts = new Verdicts(contract);
  verdicts.warmUp();
  const reports: ClaimedReports | undefined = options.reportsDir
    ? claimReports(
        options.reportsDir,
        `proxy-${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`,
      )
    : undefined;
  const spool = reports ? new HarSpool(path.join(reports.dir, `.${HAR_FILE}.spool`)) : undefined;
  const stats: ProxyStats = {
    forwarded: 0,
    judged: 0,
    otherPaths: 0,
    failures: 0,
    warnings: 0,
    clientGone: 0,
    upstreamUnreachable: 0,
    notKept: 0,
  };
  const version = packageVersion();
  let writeError: string | undefined;
  let harIndex = 0;

  const onEnd = (ended: Ended) => {
    stats.forwarded += 1;
    if (ended.kind === 'client_gone') return void (stats.clientGone += 1);
    if (ended.kind === 'upstream_unreachable') return void (stats.upstreamUnreachable += 1);
    // Not in the HAR either: read back, its missing body would be judged.
    if (ended.notKept) return void (stats.notKept += 1);
    judging.push(ended.exchange);
    drained ??= drain();
  };

  // Exchanges are judged one per turn of the event loop, so that a burst of answers ending together
  // never holds the streams still in flight for more than one exchange's checks.
  const judging: CapturedExchange[] = [];
  let drained: Promise<void> | undefined;
  async function drain(): Promise<void> {
    while (judging.length) {
      await new Promise((r) => setImmediate(r));
      judge(judging.shift()!);
    }
    drained = undefined;
  }

  // The credentials seen in the clients' traffic so far: kept out of every report and the HAR.
  let secrets = new Redactor({ apiKey: '', customHeaders: {} });

  function judge(captured: CapturedExchange): void {
    // The client's credentials are secrets wherever they appear (an error message that echoes a key).
    secrets = secrets.with(
      Object.entries(captured.requestHeaders)
        .filter(([name]) => secrets.isSecretHeader(name))
        .map(([, v]) => v.replace(/^Bearer\s+/i, '')),
    );
    const entry = harEntry(captured, secrets);
    const index = spool ? spool.append(entry) : harIndex++;
    const url = new URL(entry.request.url);
    const operation = contract.operationAt(captured.method, url.pathname);
    if (!operation) return void (stats.otherPaths += 1);
    const exchange = fromHarEntry(entry, index, url, HAR_FILE, operation.id, true);
    const findings = verdicts.judge(exchange);
    options.onJudged?.({
      name: exchange.case.name,
      request: entry.comment ?? '',
      status: captured.status,
      failures: findings,
    });
    stats.judged += 1;
    stats.failures += findings.filter((f) => f.severity === 'error').length;
    stats.warnings += findings.filter((f) => f.severity === 'warning').length;
    if (everyN && stats.judged % everyN === 0) void flush().catch((e: Error) => (writeError ??= e.message));
  }

  const server = http.createServer({ noDelay: true }, forwarder(upstream, onEnd));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function flush(): Promise<ProxyResults> {
    const results = verdicts.resultsFor(upstream.toString());
    let harFile: string | undefined;
    if (reports && spool) {
      writeReports(reports.dir, results, { historyDir: reports.historyDir });
      harFile = await spool.writeTo(reports.dir, version);
    }
    const notes = [
      ...(reports?.note ? [reports.note] : []),
      ...(writeError ? [`A periodic write of the reports failed: ${writeError}`] : []),
      ...(stats.clientGone
        ? [`${stats.clientGone} answer(s) not judged: the client went away before they ended.`]
        : []),
      ...(stats.upstreamUnreachable
        ? [
            `${stats.upstreamUnreachable} request(s) could not reach ${upstream.origin} (the client got a 502 from the proxy).`,
          ]
        : []),
      ...(stats.notKept
        ? [
            `${stats.notKept} exchange(s) forwarded but not judged: a body too large to keep or that could not be decoded.`,
          ]
        : []),
      ...(stats.otherPaths
        ? [
            `${stats.otherPaths} exchange(s) outside the spec's operations: forwarded and kept in ${HAR_FILE}, not judged.`,
          ]
        : []),
    ];
    return {
      ...results,
      exitCode: exitCodeOf(results.totals),
      reportsDir: reports?.dir,
      harFile,
      stats: { ...stats },
      notes,
    };
  }

  let closed: Promise<ProxyResults> | undefined;
  return {
    url,
    stats: () => ({ ...stats }),
    flush,
    close: () =>
      (closed ??= (async () => {
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        await done;
        clearTimeout(timer);
        // Exchanges cut by the close settle on the next turns of the loop; then every one is judged.
        await new Promise((r) => setTimeout(r, 20));
        await drained;
        try {
          return await flush();
        } finally {
          await spool?.close();
          reports?.release();
        }
      })()),
  };
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0';
  }
}
