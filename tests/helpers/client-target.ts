/** What the HTTP client needs of a run, with short limits: the client's own tests need no contract or run. */
import type { Route, Target } from '../../src/http/client';

export const clientTarget = (baseUrl: string, o: Partial<Target> = {}): Target => ({
  baseUrl,
  apiKey: 'k-123456',
  customHeaders: {},
  anthropicVersion: '2023-06-01',
  timeoutMs: 500,
  retries: 2,
  minTokensPerSecond: 5,
  runDeadline: Date.now() + 60_000,
  ...o,
});

/** The route of POST /v1/messages (the spec's). */
export const MESSAGES: Route = { method: 'POST', path: '/v1/messages' };
