/**
 * Failures and areas as plain JSON for results.json: redacted, control characters escaped (every
 * string is for display), without live objects. One record per cause (format.ts groupFailures),
 * each naming every case that hit it; request and response excerpts for the first causes only.
 */
import type { Failure } from '../checks/failure';
import type { AreaOutcome, CheckStatus } from '../suite/areas';
import type { TokenUsage } from '../suite/usage';
import { CHECK_META } from '../suite/areas';
import { IMPACT, impactOf, type Impact } from '../checks/impact';
import type { CheckId } from '../checks/registry';
import {
  collapsedNote,
  failingExchanges,
  type FormatOptions,
  formatFailures,
  groupFailures,
  responseExcerpt,
  secretsOf,
  type FailureGroup,
} from './format';
import { reproCurl } from './repro';
import { escapeControls, escapeDeep } from './escape';
import { requestCoverage, responseCoverage } from './coverage';
import { streamRecords, type StreamTimingRecord } from './timing';
import { caseEvidence, type CaseEvidence } from '../features/verdicts';

export interface FailureRecord {
  checkId: string;
  title: string;
  key: string;
  detail: string;
  /** What it does to clients (checks/impact.ts): breaks_clients, deviates, or advisory (a warning). */
  impact: Impact;
  source: string;
  severity: string;
  category: string;
  case?: string;
  caseDescription?: string;
  seed?: number;
  fcPath?: string;
  /** Every case that hit this cause (the first is the one shown), and the exchanges it was seen in. */
  cases: string[];
  count: number;
  /** Set when one answer broke the rule several times with the same text (collapsed into this record). */
  collapsed?: string;
  request?: { url: string; headers: Record<string, string>; body: string };
  response?: string;
  curl?: string;
  /** A conversation step's conversation so far, one line per block (the step is named in caseDescription). */
  transcript?: string[];
}

export interface CheckRecord {
  id: string;
  title: string;
  source: string;
  status: CheckStatus;
  /** The impact of its failures (checks/impact.ts), and why. */
  impact: Impact;
  impactWhy?: string;
  /** Not run because the suite itself failed, not because of the target or the clock. */
  harnessError?: boolean;
  reason?: string;
  /** What jest shows for a check that did not pass: the formatted failures, or why it did not run. */
  message?: string;
  /** Exchanges the check ran on, and the milliseconds it spent on them. */
  ran: number;
  durationMs: number;
  failures: FailureRecord[];
  warnings: FailureRecord[];
  /** Every case with a failure of this check (warnings apart). */
  failingCases: string[];
}

export interface AreaRecord {
  id: string;
  title: string;
  skipped?: string;
  /** Why the area did not finish (the run's time limit). */
  notRun?: string;
  /** The operations the area calls (`messages`, `count_tokens`, `models`). */
  group?: string;
  /** The operation the target does not implement (`POST /v1/messages/count_tokens answered 404`). */
  notImplemented?: string;
  /** Tokens the target reported for this area's answers. */
  usage: TokenUsage;
  durationMs: number;
  /** Exchanges checked, and requests sent for them (retries included; 0 for recorded traffic). */
  exchanges: number;
  requests: number;
  checks: CheckRecord[];
  coverage: { sent: string[]; observed: string[] };
  /** How each stream answer arrived in time (report/timing.ts); absent when the area timed none. */
  streams?: StreamTimingRecord[];
  /** Recorded traffic: files that could not be read, and why (nothing was judged about them). */
  unreadable?: Array<{ file: string; message: string }>;
  /** What each case naming features showed about them (results.json's feature verdicts are built from these). */
  features?: CaseEvidence[];
}

/** A check's title and rule source: ours from the registry, a user's from the check itself. */
const metaOf = (c: AreaOutcome['checks'][number]) =>
  CHECK_META[c.id] ?? c.meta ?? { title: c.id, source: 'user check' };

/** Causes per check shown with their request, response and curl line; the rest by name and cases. */
const MAX_EXCERPTS_PER_CHECK = 20;

function serializeFailure(f: Failure, o: FormatOptions, group?: FailureGroup, excerpts = true): FailureRecord {
  const ex = f.exchange;
  const m = ex?.case.meta;
  const secrets = secretsOf(o);
  return escapeDeep({
    checkId: f.checkId,
    title: f.title,
    key: f.key,
    detail: secrets.text(f.detail),
    source: f.source,
    severity: f.severity,
    impact: impactOf(f.checkId, f.severity),
    category: f.category,
    case: ex?.case.name,
    caseDescription: m?.rule ?? m?.description,
    seed: m?.seed,
    fcPath: m?.fcPath,
    cases: group?.cases ?? (ex ? [ex.case.name] : []),
    count: group?.failures.length ?? 1,
    collapsed: (group && collapsedNote(group)) || undefined,
    request:
      ex && excerpts
        ? {
            url: ex.request.url,
            headers: secrets.headers(ex.request.headers),
            body: secrets.text(ex.request.body.slice(0, 4000)),
          }
        : undefined,
    response: ex && excerpts ? responseExcerpt(ex, f.eventIndex, secrets) : undefined,
    curl: ex && excerpts ? reproCurl(ex, secrets, o.casesDir) : undefined,
    transcript: m?.conversation?.transcript.map((line) => secrets.text(line)),
  });
}

/** One record per cause, every cause listed; excerpts for the first ones. */
function records(failures: Failure[], o: FormatOptions): FailureRecord[] {
  return groupFailures(failures).map((g, i) => serializeFailure(g.first, o, g, i < MAX_EXCERPTS_PER_CHECK));
}

/** The text jest shows for a check that failed or did not run. */
function testMessage(c: AreaOutcome['checks'][number], o: FormatOptions, shown: number): string | undefined {
  // Never a pass: a check the run's time limit kept from judging fails the run (exit code 4).
  if (c.status === 'not_run') return `NOT RUN — ${c.reason}`;
  if (c.status !== 'failed') return undefined;
  const unavailable = c.failures.every((f) => f.category !== 'nonconformance');
  return escapeControls(
    `${unavailable ? 'TARGET UNAVAILABLE — ' : ''}${metaOf(c).title} (${failingExchanges(c.failures)} failing exchange(s))\n\n${formatFailures(c.failures, o, shown)}`,
  );
}

/** `shown`: failing cases written out in full in jest's message (the rest are listed by name). */
export function serializeArea(o: AreaOutcome, format: FormatOptions, shown = 5): AreaRecord {
  const exchanges = o.results.map((r) => r.exchange);
  return {
    id: o.area.id,
    title: o.area.title,
    skipped: o.skipped,
    notRun: o.notRun,
    group: o.area.group,
    notImplemented: o.notImplemented,
    usage: o.usage ?? { inputTokens: 0, outputTokens: 0 },
    durationMs: o.durationMs,
    exchanges: exchanges.length,
    requests: o.area.id === 'recorded' ? 0 : exchanges.reduce((n, e) => n + (e.notSent ? 0 : 1 + e.retried.length), 0),
    checks: o.checks.map((c) => ({
      id: c.id,
      title: metaOf(c).title,
      source: metaOf(c).source,
      status: c.status,
      impact: impactOf(c.id, 'error'),
      impactWhy: IMPACT[c.id as CheckId]?.why,
      reason: c.reason,
      message: testMessage(c, format, shown),
      ran: c.ran,
      durationMs: c.durationMs ?? 0,
      failures: records(c.failures, format),
      warnings: records(c.warnings, format),
      failingCases: escapeDeep([...new Set(c.failures.flatMap((f) => (f.exchange ? [f.exchange.case.name] : [])))]),
    })),
    coverage: { sent: requestCoverage(exchanges), observed: responseCoverage(exchanges) },
    ...timed(escapeDeep(streamRecords(exchanges))),
    features: escapeDeep(
      JSON.parse(JSON.stringify(caseEvidence(o)), (_k, v: unknown) =>
        typeof v === 'string' ? secretsOf(format).text(v) : v,
      ) as CaseEvidence[],
    ),
  };
}

const timed = (streams: StreamTimingRecord[]) => (streams.length ? { streams } : {});
