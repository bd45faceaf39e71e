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
export type { RunningServer, ChaosOptions, RateLimitOptions };

/** The reference mock's options: the key it accepts (default "mock-key"), the port, models served, pacing and faults. */
export type MockServerOptions = Partial<Omit<ServerOptions, 'fault'>>;

/**
 * Starts the reference mock on 127.0.0.1 (a free port unless `port` is given): a drop-in for the
 * real API in a client's CI. `await mock.close()` stops it.
 */
export async function startMock(options: MockServerOptions = {}): Promise<RunningServer> {
  return startMockServer(await loadContract(), { ...options, apiKey: options.apiKey ?? 'mock-key' });
}

export { startProxy, type ProxyOptions, type RunningProxy, type ProxyResults, type ProxyStats, type JudgedExchange } from './proxy/proxy';
