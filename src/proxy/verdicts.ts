/**
 * The proxy's verdicts, kept as traffic flows for as long as it runs, in bounded memory: per check
 * the exchanges it judged, and every failure; the exchanges the first failures of each cause were
 * found in are kept (bodies capped) for the reports' excerpts, every other exchange as a stub of a
 * few hundred bytes (its name, status and headers: what the checks across exchanges read).
 */
import { applies, CHECKS, runChecks } from '../checks/registry';
import type { CheckContext, Failure } from '../checks/failure';
import type { Exchange, ReceivedResponse } from '../http/exchange';
import type { Contract } from '../contract/spec';
import type { CaseResult } from '../suite/run-cases';
import { compact } from '../suite/run-cases';
import { areaCheckIds, checkOutcomes, type AreaOutcome } from '../suite/areas';
import { serializeArea } from '../report/serialize';
import { requestCoverage, responseCoverage } from '../report/coverage';
import { buildResults, type RunResults } from '../report/results';
import { RECORDED_AREA } from '../recorded/check';
import { groupOf } from '../contract/operations';

/** Exchanges kept whole per failure cause (the reports show the first; the rest are named). */
const KEPT_PER_CAUSE = 3;
/** What of a kept request body reports show. */
const KEPT_REQUEST_CHARS = 64 * 1024;

export class Verdicts {
  private readonly ran = new Map<string, number>();
  private readonly keptPerKey = new Map<string, number>();
  readonly results: CaseResult[] = [];
  private readonly started = new Date();
  /** What the traffic covered of the spec, gathered as it passes (stubs no longer show it). */
  private readonly sent = new Set<string>();
  private readonly observed = new Set<string>();
  readonly ctx: CheckContext;

  constructor(contract: Contract) {
    this.ctx = { contract, profile: 'full' };
  }

  /**
   * Compiles the validators the checks use before traffic flows: compiled on first use, they would
   * hold the event loop, and so every stream in flight, for a second or two.
   */
  warmUp(): void {
    const { contract } = this.ctx;
    for (const op of Object.values(contract.operations)) {
      for (const beta of [false, true]) op.validateRequest({}, { beta });
      for (const status of op.documentedStatuses) {
        op.validateResponseBody(status, {});
        op.validateHeaders(status, {});
      }
    }
    for (const name of ['MessageStreamEvent', 'FinalMessage']) contract.validate(name, {});
  }

  /** Judges one exchange; returns its failures and warnings. */
  judge(ex: Exchange): Failure[] {
    for (const check of CHECKS)
      if (applies(this.ctx, check, ex)) this.ran.set(check.id, (this.ran.get(check.id) ?? 0) + 1);
    const failures = runChecks(this.ctx, ex);
    for (const item of requestCoverage([ex])) this.sent.add(item);
    for (const item of responseCoverage([ex])) this.observed.add(item);
    const whole =
      failures.some((f) => (this.keptPerKey.get(f.key) ?? 0) < KEPT_PER_CAUSE) ||
      groupOf(ex.case.operation) === 'models';
    const kept = whole ? trimmed(ex, failures) : stub(ex);
    for (const f of failures) {
      f.exchange = kept;
      this.keptPerKey.set(f.key, (this.keptPerKey.get(f.key) ?? 0) + 1);
    }
    this.results.push({ exchange: kept, failures });
    return failures;
  }

  /** The run's results so far, as results.json holds them (the area is the one `check-recorded` reports). */
  resultsFor(upstream: string): RunResults {
    const ids = areaCheckIds(RECORDED_AREA);
    const checks = checkOutcomes(this.ctx, ids, this.results).map((c) => {
      if (!CHECKS.some((k) => k.id === c.id)) return c;
      // The stubs no longer show what each check's preconditions read: the counts taken live are the truth.
      const ran = this.ran.get(c.id) ?? 0;
      if (c.failures.length) return { ...c, ran };
      return ran
        ? { ...c, ran, status: 'passed' as const, reason: undefined }
        : { ...c, ran, status: 'skipped' as const, reason: 'no exchange in this area it applies to' };
    });
    const outcome: AreaOutcome = {
      area: RECORDED_AREA,
      results: this.results,
      checks,
      durationMs: Date.now() - this.started.getTime(),
    };
    const info = {
      baseUrl: `proxy to ${upstream}`,
      embedded: false,
      recorded: true,
      profile: 'full',
      seed: 0,
      runs: 0,
      startedAt: this.started.toISOString(),
      durationMs: Date.now() - this.started.getTime(),
    };
    const area = {
      ...serializeArea(outcome, { apiKey: '' }, 20),
      coverage: { sent: [...this.sent].sort(), observed: [...this.observed].sort() },
    };
    return buildResults(info, this.ctx.contract, [area]);
  }
}

/** The exchange with its bodies capped (copied: a slice would keep the whole string alive). */
function trimmed(ex: Exchange, failures: Failure[]): Exchange {
  compact(ex, failures);
  if (ex.request.body.length > KEPT_REQUEST_CHARS) {
    ex.request = {
      ...ex.request,
      body: Buffer.from(`${ex.request.body.slice(0, KEPT_REQUEST_CHARS)}… [not kept]`).toString(),
    };
    ex.case = { ...ex.case, body: ex.request.body };
  }
  return ex;
}

/** What is kept of an exchange no report shows: its name, status and request id (what request_id_unique reads). */
function stub(ex: Exchange): Exchange {
  const bare = (r: ReceivedResponse): ReceivedResponse => ({
    status: r.status,
    headers: r.headers['request-id'] === undefined ? {} : { 'request-id': r.headers['request-id'] },
    text: '',
  });
  return {
    case: { name: ex.case.name, operation: ex.case.operation, query: ex.case.query, meta: ex.case.meta },
    request: { method: ex.request.method, url: ex.request.url, headers: {}, body: '' },
    response: ex.response && bare(ex.response),
    transportError: ex.transportError,
    retried: ex.retried.map(bare),
    unavailable: ex.unavailable,
    durationMs: ex.durationMs,
  };
}
