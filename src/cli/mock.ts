/**
 * `anthropic-conformance mock [options]`: the reference mock on 127.0.0.1, a drop-in for the real
 * API in a client's CI (ANTHROPIC_BASE_URL=<url>). Options (each also documented in the README):
 *   --port N                      port (0 or unset: a free one; env PORT)
 *   --models LIST                 `a,b` serves only those; `+a,+b` adds to the spec's table (env ANTHROPIC_MOCK_MODELS)
 *   --tokens-per-second N         output pace of answers
 *   --first-token-ms N            wait before the first token
 *   --overloaded-rate R           share of valid requests answered 529 overloaded_error
 *   --rate-limited-rate R         share answered 429 rate_limit_error with retry-after
 *   --stream-error-rate R         share of streams ending with an in-stream error event after some deltas
 *   --drop-rate R                 share of answers whose connection drops (streams: after some deltas)
 *   --retry-after S               retry-after seconds on injected 429 / 529 (default 1)
 *   --seed N                      seed of the fault draws (default 42)
 *   --report DIR                  grade the client: a verdict per request, written on exit as
 *                                 results.json, report.html and junit.xml in DIR
 *   --requests-per-minute N, --input-tokens-per-minute N, --output-tokens-per-minute N
 *                                 enforce these limits (429 with retry-after past them)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadContract } from '../contract/spec';
import { startMock, type RunningServer } from '../mock/server';
import { parseModelList } from '../mock/models';
import { MOCK_NUMBER_FLAGS } from './mock-flags';

const NUMBERS = MOCK_NUMBER_FLAGS;

export class MockUsageError extends Error {}

function number(name: keyof typeof NUMBERS, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const kind = NUMBERS[name];
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(n) &&
    (kind === 'integer'
      ? Number.isInteger(n) && n >= 0
      : kind === 'positive'
        ? n > 0
        : kind === 'rate'
          ? n >= 0 && n <= 1
          : n >= 0);
  if (!ok)
    throw new MockUsageError(
      `--${name} ${JSON.stringify(raw)}: expected ${kind === 'rate' ? 'a share between 0 and 1' : kind === 'integer' ? 'a whole number' : `a ${kind} number`}`,
    );
  return n;
}

/** Starts the mock as the command line asks (flags, then ANTHROPIC_API_KEY, ANTHROPIC_MODEL, ANTHROPIC_MOCK_MODELS, PORT). */
export async function startMockCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Promise<{ server: RunningServer; banner: string; report?: string }> {
  const { values } = parseArgs({
    args,
    options: {
      models: { type: 'string' },
      report: { type: 'string' },
      ...Object.fromEntries(Object.keys(NUMBERS).map((k) => [k, { type: 'string' as const }])),
    },
    strict: true,
  });
  const v = values as Record<string, string | undefined>;
  const n = (k: keyof typeof NUMBERS) => number(k, v[k]);
  const selection = parseModelList(v.models ?? env.ANTHROPIC_MOCK_MODELS);
  const added = [...(selection.add ?? []), ...(env.ANTHROPIC_MODEL ? [env.ANTHROPIC_MODEL] : [])];
  const limits = {
    requestsPerMinute: n('requests-per-minute'),
    inputTokensPerMinute: n('input-tokens-per-minute'),
    outputTokensPerMinute: n('output-tokens-per-minute'),
  };
  const enforce = Object.values(limits).some((x) => x !== undefined);
  const chaos = {
    tokensPerSecond: n('tokens-per-second'),
    firstTokenMs: n('first-token-ms'),
    overloadedRate: n('overloaded-rate'),
    rateLimitedRate: n('rate-limited-rate'),
    streamErrorRate: n('stream-error-rate'),
    dropRate: n('drop-rate'),
    retryAfterSeconds: n('retry-after'),
    seed: n('seed'),
  };
  const rates = (chaos.overloadedRate ?? 0) + (chaos.rateLimitedRate ?? 0) + (chaos.dropRate ?? 0);
  if (rates > 1)
    throw new MockUsageError(`--overloaded-rate, --rate-limited-rate and --drop-rate add up to ${rates}: at most 1`);
  const apiKey = env.ANTHROPIC_API_KEY || 'mock-key';
  const report = v.report === undefined ? undefined : path.resolve(cwd, v.report);
  const server = await startMock(await loadContract(), {
    apiKey,
    port: n('port') ?? Number(env.PORT ?? 0),
    onlyModels: selection.only,
    models: added,
    chaos: Object.fromEntries(Object.entries(chaos).filter(([, x]) => x !== undefined)),
    rateLimits: enforce ? Object.fromEntries(Object.entries(limits).filter(([, x]) => x !== undefined)) : undefined,
    report,
  });
  const set = Object.entries(v)
    .filter(([k, x]) => x !== undefined && k !== 'port')
    .map(([k, x]) => `--${k} ${x}`);
  const banner = `reference mock on ${server.url} (ANTHROPIC_BASE_URL=${server.url}; key from ANTHROPIC_API_KEY or "mock-key")${set.length ? `; ${set.join(' ')}` : ''}`;
  return { server, banner, report };
}
