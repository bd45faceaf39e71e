/**
 * The run's configuration, read from the environment once. The target is chosen by the
 * ecosystem's own variables (ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY, …); the suite's own knobs are
 * CONTRACT_*. Bad values end the run with one line naming the variable.
 */
import path from 'node:path';
import { OPERATION_GROUPS, type OperationGroup } from './contract/operations';
import { FEATURE_IDS, type FeatureId } from './features/ids';

export type Profile = 'full' | 'schema';

export interface RunConfig extends RunSettings {
  /** Base URL without trailing slash; each operation's path (`/v1/messages`, `/v1/models`, …) is appended. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Extra headers sent on every request (ANTHROPIC_CUSTOM_HEADERS, `Name: value` per line). */
  customHeaders: Record<string, string>;
  /** Header names whose values are never printed, besides credentials (CONTRACT_SECRET_HEADERS), lower case. */
  secretHeaders: string[];
  /**
   * The operations the run covers (CONTRACT_OPERATIONS). `chosen` false: every operation the
   * target answers, and one it answers 404 on as a whole is reported once as not implemented.
   */
  operations: { groups: OperationGroup[]; chosen: boolean };
  anthropicVersion: string;
  profile: Profile;
  seed: number;
  /** Generated bodies per property. */
  runs: number;
  /**
   * Per request: the longest wait with nothing arriving (the response headers of a stream, any gap
   * inside a body). A JSON answer's headers come only when the whole answer is ready, so they get
   * the whole-request limit instead (http/deadline.ts).
   */
  timeoutMs: number;
  /**
   * The slowest generation a target may have: the whole-request limit is timeoutMs plus the output
   * tokens asked for at this rate, so a model producing at least this many tokens/s always finishes.
   */
  minTokensPerSecond: number;
  /** Epoch ms when the run must be over (CONTRACT_RUN_TIMEOUT_MS from the run's start); no request outlives it. */
  runDeadline: number;
  /** Whole-run ceiling on requests sent (retries included); 0 = unlimited. */
  maxRequests: number;
  /** Whole-run ceiling on the sum of requested max_tokens; 0 = unlimited. */
  maxOutputTokens: number;
  concurrency: number;
  /** Retries for 429 / 529 / overloaded streams / dropped connections, per request. */
  retries: number;
  /**
   * The features whose cases are sent (CONTRACT_FEATURES); `chosen` false: all. A case is sent when
   * it exercises no feature or at least one chosen one; the others' verdicts are not_tested.
   */
  features: { ids: FeatureId[]; chosen: boolean };
  /** Features a clean refusal of fails the run (CONTRACT_REQUIRE_FEATURES); others may be refused. */
  requireFeatures: FeatureId[];
  /** Probes only a real model can pass (a code word it must repeat): opt-in, warnings (CONTRACT_MODEL_PROBES=1). */
  modelProbes: boolean;
  /** True when the suite started its own reference mock. */
  embedded: boolean;
  /**
   * The target is on this machine (CONTRACT_TARGET=local|remote overrides the guess from the host):
   * more generated bodies, no cost caps, and shrinking failures (extra requests) is cheap.
   */
  local: boolean;
}

/** What a run needs before its target is known: where its files go, how it ends and how it is judged. */
export interface RunSettings {
  /** The reports folder asked for (CONTRACT_REPORTS_DIR, default reports/ of this checkout). */
  reportsDir: string;
  /** CONTRACT_RUN_TIMEOUT_MS. */
  runTimeoutMs: number;
  /** CONTRACT_FAIL_ON: any failure fails the run, or only those new since the previous run. */
  failOn: 'any' | 'new';
  /** CONTRACT_BASELINE: a results.json to compare with instead of the previous run. */
  baseline?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Above this a timer fires at once (Node clamps setTimeout to 1 ms): 24.8 days. */
const MAX_INT = 2 ** 31 - 1;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = MAX_INT): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

/** Parses ANTHROPIC_CUSTOM_HEADERS: one `Name: value` per line, as Claude Code reads it. */
export function parseCustomHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of (raw ?? '').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new ConfigError(`ANTHROPIC_CUSTOM_HEADERS: expected "Name: value" per line, got ${JSON.stringify(line)}`);
    }
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`ANTHROPIC_BASE_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`ANTHROPIC_BASE_URL must be http(s), got ${url.protocol}`);
  if (url.search || url.hash) throw new ConfigError('ANTHROPIC_BASE_URL must not carry a query or fragment');
  // A trailing slash would give //v1/messages, which servers answer with 404.
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function isLoopback(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/** Default whole-run limit: a run that is not over by then reports its unfinished areas as not run. */
export const DEFAULT_RUN_TIMEOUT_MS = 15 * 60_000;

/** The run's time limit in ms. */
export const runTimeoutMs = (env: NodeJS.ProcessEnv = process.env) => int(env, 'CONTRACT_RUN_TIMEOUT_MS', DEFAULT_RUN_TIMEOUT_MS, 1);

/** The settings a run reads before its target is known (the CLI claims the reports folder with them). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): RunSettings {
  const failOn = env.CONTRACT_FAIL_ON || 'any';
  if (failOn !== 'any' && failOn !== 'new') throw new ConfigError(`CONTRACT_FAIL_ON must be "any" or "new", got ${JSON.stringify(failOn)}`);
  return {
    reportsDir: path.resolve(env.CONTRACT_REPORTS_DIR || path.resolve(__dirname, '../reports')),
    runTimeoutMs: runTimeoutMs(env),
    failOn,
    baseline: env.CONTRACT_BASELINE || undefined,
  };
}

function targetIsLocal(env: NodeJS.ProcessEnv, baseUrl: string): boolean {
  const kind = env.CONTRACT_TARGET;
  if (kind === undefined || kind === '') return isLoopback(baseUrl);
  if (kind !== 'local' && kind !== 'remote') throw new ConfigError(`CONTRACT_TARGET must be local or remote, got ${JSON.stringify(kind)}`);
  return kind === 'local';
}

/** CONTRACT_OPERATIONS: a comma-separated list of messages, count_tokens, models; unset means all. */
export function parseOperations(raw: string | undefined): RunConfig['operations'] {
  const names = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  if (!names.length) return { groups: [...OPERATION_GROUPS], chosen: false };
  const unknown = names.filter((n) => !(OPERATION_GROUPS as readonly string[]).includes(n));
  if (unknown.length) throw new ConfigError(`CONTRACT_OPERATIONS: unknown operation ${unknown.map((u) => JSON.stringify(u)).join(', ')} (known: ${OPERATION_GROUPS.join(', ')})`);
  return { groups: OPERATION_GROUPS.filter((g) => names.includes(g)), chosen: true };
}

/** A comma-separated list of feature ids (CONTRACT_FEATURES, CONTRACT_REQUIRE_FEATURES); unset means none named. */
export function parseFeatures(name: string, raw: string | undefined): FeatureId[] {
  const names = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((n) => !(FEATURE_IDS as readonly string[]).includes(n));
  if (unknown.length) throw new ConfigError(`${name}: unknown feature ${unknown.map((u) => JSON.stringify(u)).join(', ')} (known: ${FEATURE_IDS.join(', ')})`);
  return FEATURE_IDS.filter((f) => names.includes(f));
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name] ?? '';
  if (raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0, got ${JSON.stringify(raw)}`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RunConfig {
  if (env.ANTHROPIC_BASE_URL === undefined) throw new ConfigError('ANTHROPIC_BASE_URL is not set (npm run contract starts the reference mock when it is unset)');
  if (!env.ANTHROPIC_BASE_URL.trim())
    throw new ConfigError('ANTHROPIC_BASE_URL is set but empty: give the target\'s URL, or unset it (unset ANTHROPIC_BASE_URL) to run against the embedded reference mock');
  const baseUrl = normaliseBaseUrl(env.ANTHROPIC_BASE_URL);
  const local = targetIsLocal(env, baseUrl);
  const settings = readSettings(env);
  // The run starts when its configuration is read (once, by whoever starts it).
  const runDeadline = Date.now() + settings.runTimeoutMs;
  const apiKey = env.ANTHROPIC_API_KEY ?? '';
  if (!apiKey) throw new ConfigError('ANTHROPIC_API_KEY is not set: the suite needs a key the target accepts');
  const profile = (env.CONTRACT_PROFILE ?? 'full') as Profile;
  if (profile !== 'full' && profile !== 'schema') throw new ConfigError(`CONTRACT_PROFILE must be full or schema, got ${JSON.stringify(profile)}`);
  return {
    ...settings,
    baseUrl,
    apiKey,
    // Empty: the spec's example model (suite/context.ts fills it in from the loaded contract).
    model: env.ANTHROPIC_MODEL || '',
    customHeaders: parseCustomHeaders(env.ANTHROPIC_CUSTOM_HEADERS),
    secretHeaders: (env.CONTRACT_SECRET_HEADERS ?? '').split(/[\s,]+/).filter(Boolean).map((h) => h.toLowerCase()),
    operations: parseOperations(env.CONTRACT_OPERATIONS),
    anthropicVersion: env.CONTRACT_ANTHROPIC_VERSION || '2023-06-01',
    profile,
    seed: int(env, 'CONTRACT_SEED', 42),
    runs: int(env, 'CONTRACT_RUNS', local ? 50 : 10, 1),
    // A local model server is no faster to start answering than a remote one: the same limits.
    timeoutMs: int(env, 'CONTRACT_TIMEOUT_MS', 60_000, 1),
    minTokensPerSecond: int(env, 'CONTRACT_MIN_TOKENS_PER_SECOND', 5, 1),
    runDeadline,
    // Real deployments cost money: small defaults away from this machine.
    maxRequests: int(env, 'CONTRACT_MAX_REQUESTS', local ? 0 : 200),
    maxOutputTokens: int(env, 'CONTRACT_MAX_OUTPUT_TOKENS', local ? 0 : 100_000),
    concurrency: int(env, 'CONTRACT_CONCURRENCY', 4, 1),
    // Enough to ride through a target that overloads one request in five (0.2^7 per request).
    retries: int(env, 'CONTRACT_RETRIES', 6),
    features: ((chosen) => (chosen.length ? { ids: chosen, chosen: true } : { ids: [...FEATURE_IDS], chosen: false }))(parseFeatures('CONTRACT_FEATURES', env.CONTRACT_FEATURES)),
    requireFeatures: parseFeatures('CONTRACT_REQUIRE_FEATURES', env.CONTRACT_REQUIRE_FEATURES),
    modelProbes: flag(env, 'CONTRACT_MODEL_PROBES'),
    // The contract CLI sets it when it started the mock itself (runner/target.ts).
    embedded: false,
    local,
  };
}
