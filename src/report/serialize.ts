/** Failures and areas as plain JSON for results.json: redacted, capped, without live objects. */
import type { Failure } from '../checks/failure';
import type { AreaOutcome, CheckStatus } from '../suite/areas';
import type { TokenUsage } from '../suite/usage';
import { CHECK_META } from '../suite/areas';
import { toCurl } from '../http/curl';
import { redact, redactHeaders } from '../http/redact';
import { responseExcerpt } from './format';
import { requestCoverage, responseCoverage } from './coverage';

export interface FailureRecord {
  checkId: string;
  title: string;
  key: string;
  detail: string;
  source: string;
  severity: string;
  category: string;
  case?: string;
  caseDescription?: string;
  seed?: number;
  fcPath?: string;
  request?: { url: string; headers: Record<string, string>; body: string };
  response?: string;
  curl?: string;
}

export interface CheckRecord {
  id: string;
  title: string;
  source: string;
  status: CheckStatus;
  reason?: string;
  /** Exchanges the check ran on, and the milliseconds it spent on them. */
  ran: number;
  durationMs: number;
  failures: FailureRecord[];
  warnings: FailureRecord[];
}

export interface AreaRecord {
  id: string;
  title: string;
  skipped?: string;
  /** Why the area did not finish (the run's time limit). */
  notRun?: string;
  /** Tokens the target reported for this area's answers. */
  usage: TokenUsage;
  durationMs: number;
  /** Exchanges checked, and requests sent for them (retries included; 0 for recorded traffic). */
  exchanges: number;
  requests: number;
  checks: CheckRecord[];
  coverage: { sent: string[]; observed: string[] };
}

const MAX_PER_CHECK = 20;

export function serializeFailure(f: Failure, apiKey: string): FailureRecord {
  const ex = f.exchange;
  const m = ex?.case.meta;
  return {
    checkId: f.checkId,
    title: f.title,
    key: f.key,
    detail: redact(f.detail),
    source: f.source,
    severity: f.severity,
    category: f.category,
    case: ex?.case.name,
    caseDescription: m?.rule ?? m?.description,
    seed: m?.seed,
    fcPath: m?.fcPath,
    request: ex && { url: ex.request.url, headers: redactHeaders(ex.request.headers), body: redact(ex.request.body.slice(0, 4000)) },
    response: ex && responseExcerpt(ex, f.eventIndex),
    curl: ex && toCurl(ex.request, apiKey),
  };
}

export function serializeArea(o: AreaOutcome, apiKey: string): AreaRecord {
  const exchanges = o.results.map((r) => r.exchange);
  return {
    id: o.area.id,
    title: o.area.title,
    skipped: o.skipped,
    notRun: o.notRun,
    usage: o.usage ?? { inputTokens: 0, outputTokens: 0 },
    durationMs: o.durationMs,
    exchanges: exchanges.length,
    requests: o.area.id === 'recorded' ? 0 : exchanges.reduce((n, e) => n + 1 + e.retried.length, 0),
    checks: o.checks.map((c) => ({
      id: c.id,
      title: CHECK_META[c.id]!.title,
      source: CHECK_META[c.id]!.source,
      status: c.status,
      reason: c.reason,
      ran: c.ran,
      durationMs: c.durationMs ?? 0,
      failures: dedupe(c.failures).slice(0, MAX_PER_CHECK).map((f) => serializeFailure(f, apiKey)),
      warnings: dedupe(c.warnings).slice(0, MAX_PER_CHECK).map((f) => serializeFailure(f, apiKey)),
    })),
    coverage: { sent: requestCoverage(exchanges), observed: responseCoverage(exchanges) },
  };
}

/** One failure per key: a hundred cases hitting one bug make one failure. */
function dedupe(failures: Failure[]): Failure[] {
  const seen = new Set<string>();
  return failures.filter((f) => !seen.has(f.key) && seen.add(f.key));
}
