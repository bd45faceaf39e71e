/**
 * Before a contract run: with no ANTHROPIC_BASE_URL, start the reference mock on 127.0.0.1 (a fresh
 * clone is useful at once); then make sure the target answers at all, so that a wrong URL fails in
 * seconds with one line instead of a hundred timeouts.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadContract } from '../contract/spec';
import { startMock, type RunningServer } from '../mock/server';
import { readConfig, ConfigError } from '../config';
import { describeFetchError } from '../http/client';
import { runDir } from '../report/paths';

const PREFLIGHT_MS = 10_000;

export default async function globalSetup(): Promise<void> {
  rmSync(runDir(), { recursive: true, force: true });
  process.env.CONTRACT_STARTED_AT = new Date().toISOString();
  // Unset only: a variable set but empty is a mistake readConfig reports, never the embedded mock.
  if (process.env.ANTHROPIC_BASE_URL === undefined) {
    const apiKey = `mock-${randomBytes(12).toString('hex')}`;
    const mock = await startMock(await loadContract(), { apiKey, models: process.env.ANTHROPIC_MODEL ? [process.env.ANTHROPIC_MODEL] : [] });
    (globalThis as unknown as { __contractMock__: RunningServer }).__contractMock__ = mock;
    Object.assign(process.env, { ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: apiKey, CONTRACT_EMBEDDED: '1' });
  }
  let config;
  try {
    config = readConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw oneLine(`configuration: ${e.message}`);
    throw e;
  }
  try {
    // Any HTTP answer (even 404) proves the host is there; nothing is sent to the API itself.
    await fetch(config.baseUrl, { method: 'HEAD', signal: AbortSignal.timeout(PREFLIGHT_MS), redirect: 'manual' });
  } catch (e) {
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${PREFLIGHT_MS / 1000} s` : describeFetchError(e, config.baseUrl);
    throw oneLine(`target unreachable: ${why} (ANTHROPIC_BASE_URL=${config.baseUrl})`);
  }
}

/** An error jest prints as one line, without a stack. */
function oneLine(message: string): Error {
  const e = new Error(message);
  e.stack = message;
  return e;
}
