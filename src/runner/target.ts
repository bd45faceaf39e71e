/**
 * Chooses and checks the target before jest starts. With no ANTHROPIC_BASE_URL the reference mock
 * is started on 127.0.0.1 (a fresh clone is useful at once); then the target must answer at all, so
 * that a wrong URL fails in seconds with one line instead of a hundred timeouts.
 */
import { randomBytes } from 'node:crypto';
import { loadContract } from '../contract/spec';
import { startMock } from '../mock/server';
import { readConfig, type RunConfig } from '../config';
import { preflight } from '../http/preflight';

export { TargetUnreachable } from '../http/preflight';

export interface PreparedTarget {
  /** The run's configuration, read once (with the embedded mock's URL and key when it was started). */
  config: RunConfig;
  close(): Promise<void>;
}

export async function prepareTarget(env: NodeJS.ProcessEnv): Promise<PreparedTarget> {
  let added: Record<string, string> = {};
  let close = async () => {};
  if (env.ANTHROPIC_BASE_URL === undefined) {
    const apiKey = `mock-${randomBytes(12).toString('hex')}`;
    const mock = await startMock(await loadContract(), { apiKey, models: env.ANTHROPIC_MODEL ? [env.ANTHROPIC_MODEL] : [] });
    added = { ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: apiKey };
    close = () => mock.close();
  }
  try {
    const config = { ...readConfig({ ...env, ...added }), ...(added.ANTHROPIC_BASE_URL ? { embedded: true } : {}) };
    await preflight(config.baseUrl);
    return { config, close };
  } catch (e) {
    await close();
    throw e;
  }
}
