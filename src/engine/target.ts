/**
 * Chooses and checks the target before anything is sent. With no `baseURL` the reference mock is
 * started on 127.0.0.1 (a fresh clone is useful at once); then the target must answer at all, so
 * that a wrong URL fails in seconds with one line instead of a hundred timeouts.
 */
import { randomBytes } from 'node:crypto';
import type { Contract } from '../contract/spec';
import { startMock } from '../mock/server';
import { resolveConfig, type ConformanceOptions, type RunConfig } from '../config';
import { preflight } from '../http/preflight';

export { TargetUnreachable } from '../http/preflight';

export interface PreparedTarget {
  /** The run's configuration (with the embedded mock's URL and key when it was started). */
  config: RunConfig;
  close(): Promise<void>;
}

export async function prepareTarget(options: ConformanceOptions, contract: Contract): Promise<PreparedTarget> {
  if (options.baseURL !== undefined) {
    const config = resolveConfig(options);
    await preflight(config.baseUrl);
    return { config, close: async () => {} };
  }
  const apiKey = `mock-${randomBytes(12).toString('hex')}`;
  const mock = await startMock(contract, { apiKey, models: options.model ? [options.model] : [] });
  try {
    return {
      config: { ...resolveConfig({ ...options, baseURL: mock.url, apiKey }), embedded: true },
      close: () => mock.close(),
    };
  } catch (e) {
    await mock.close();
    throw e;
  }
}
