/**
 * The public API of anthropic-messages-conformance: the engine (a live run and the offline one),
 * the reference mock, the checks, and the result types. The jest integration is
 * `anthropic-messages-conformance/jest`; the command line is `anthropic-conformance`.
 */
import { loadContract } from './contract/spec';
import { startMock as startMockServer, type ServerOptions, type RunningServer } from './mock/server';
import type { ChaosOptions } from './mock/chaos';
import type { RateLimitOptions } from './mock/rate-limit';

export { runConformance, type RunOptions, type ConformanceResults } from './engine/run-conformance';
export { checkRecorded, type CheckRecordedOptions } from './engine/check-recorded';
export { TargetUnreachable } from './engine/target';
export { EXIT } from './engine/exit-codes';
export { ConfigError, optionsFromEnv, type ConformanceOptions, type Profile } from './config';
export { defineCheck, type Check, type CheckContext, type Finding, type Severity } from './checks/failure';
export { CHECKS, SET_CHECKS, type CheckId } from './checks/registry';
export type { Exchange, RequestCase, SentRequest, ReceivedResponse } from './http/exchange';
export type { RunResults } from './report/results';
export type { AreaRecord, CheckRecord, FailureRecord } from './report/serialize';
export { summaryText } from './report/summary';
export { buildMatrix, VERDICTS, type Matrix, type MatrixInput, type Verdict } from './matrix/matrix';
export { compareMatrices, type CellChange } from './matrix/gate';
export { writeMatrix } from './matrix/write';
export type { RunningServer, ChaosOptions, RateLimitOptions };
export type { ClientReport, RequestVerdict } from './mock/client-grader';

/**
 * The reference mock's options: the key it accepts (default "mock-key"), the port, models served,
 * pacing and faults, and grading its client (`report: dir` writes the client's reports on close;
 * `gradeClient: true` keeps the verdicts for `mock.clientReport()` only).
 */
export type MockServerOptions = Partial<Omit<ServerOptions, 'fault'>>;

/**
 * Starts the reference mock on 127.0.0.1 (a free port unless `port` is given): a drop-in for the
 * real API in a client's CI. `await mock.close()` stops it.
 */
export async function startMock(options: MockServerOptions = {}): Promise<RunningServer> {
  return startMockServer(await loadContract(), { ...options, apiKey: options.apiKey ?? 'mock-key' });
}

export {
  startProxy,
  type ProxyOptions,
  type RunningProxy,
  type ProxyResults,
  type ProxyStats,
  type JudgedExchange,
} from './proxy/proxy';
