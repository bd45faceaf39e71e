/**
 * A run's configuration, in two steps. The edges (the command line, the jest integration, users'
 * code) hand `runConformance` typed options (`ConformanceOptions`); `resolveConfig` checks them and
 * fills in the defaults, once, into the `RunConfig` every part of a run reads. `optionsFromEnv` is
 * the one reader of the environment: the ecosystem's own variables choose the target
 * (ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY, …), the suite's knobs are CONTRACT_*. Nothing below the
 * edges reads the environment. Bad values end the run with one line naming the option and variable.
 */
import path from 'node:path';
import { OPERATION_GROUPS, type OperationGroup } from './contract/operations';
import { FEATURE_IDS, type FeatureId } from './features/ids';

export type Profile = 'full' | 'schema';

/** What a run is asked to do. Every field is optional; the defaults are the README's. */
export interface ConformanceOptions {
  /** The target; each operation's path (`/v1/messages`, …) is appended. Unset: the embedded reference mock. */
  baseURL?: string;
  /** The key the target accepts (required with `baseURL`). */
  apiKey?: string;
  /** Model for every request (default: the spec's example model). */
  model?: string;
  /** Extra headers sent on every request (a gateway's routing headers). */
  headers?: Record<string, string>;
  /** More header names whose values are secrets, besides the key and credential-named headers. */
  secretHeaders?: string[];
  /** The operations the run requires; unset: every one the target answers. */
  operations?: OperationGroup[];
  /** `schema`: only what a static-example mock can satisfy. */
  profile?: Profile;
  /** The `anthropic-version` sent (default 2023-06-01). */
  anthropicVersion?: string;
  /** fast-check seed: the same seed sends the same bodies (default 42). */
  seed?: number;
  /** Generated bodies per property (default 50 local, 10 remote). */
  runs?: number;
  /** Which defaults apply (runs, budgets); default: local for a loopback URL. */
  target?: 'local' | 'remote';
  /** Request budget for the run, retries included; 0 = unlimited (default 0 local, 200 remote). */
  maxRequests?: number;
  /** Budget on the sum of requested max_tokens; 0 = unlimited (default 0 local, 100000 remote). */
  maxOutputTokens?: number;
  /** Requests in flight (default 4). */
  concurrency?: number;
  /** Retries on 429 / 529 / overloaded streams / dropped connections (default 6). */
  retries?: number;
  /** The longest wait with nothing arriving, in ms (default 60000). */
  timeoutMs?: number;
  /** The slowest generation allowed, in tokens per second (default 5). */
  minTokensPerSecond?: number;
  /** The slowest first content delta a stream may have, in ms; unset: not judged. */
  maxTtftMs?: number;
  /** The whole run, in ms (default 15 minutes). */
  runTimeoutMs?: number;
  /** `new`: only failures new since the previous run fail it (default `any`). */
  failOn?: 'any' | 'new';
  /** A results.json to compare with instead of the previous run. */
  baseline?: string;
  /** Where results.json, report.html, junit.xml and history/ go; unset: no files are written. */
  reportsDir?: string;
  /** `[i, n]`: only the areas whose position is i modulo n (1-based), to split a run across machines. */
  shard?: [number, number];
  /** Only these areas, by id (`examples`, `semantics`, …); unset: all of them. */
  areas?: string[];
  /** How reports and the matrix name the target, e.g. "my-gateway 2.3.1 → gpt-4.1" (default: its URL). */
  label?: string;
  /** Only the cases of these features are sent (default: all); the others are reported not tested. */
  features?: FeatureId[];
  /** Features whose clean refusal fails the run (default: none; a refusal is reported, and passes). */
  requireFeatures?: FeatureId[];
  /** Probes only a real model can pass (a code word the answer must repeat): opt-in, warnings. */
  modelProbes?: boolean;
}

/** The option each environment variable sets (the README's settings table), for messages that name both. */
const ENV_OF: Partial<Record<keyof ConformanceOptions, string>> = {
  baseURL: 'ANTHROPIC_BASE_URL',
  apiKey: 'ANTHROPIC_API_KEY',
  model: 'ANTHROPIC_MODEL',
  headers: 'ANTHROPIC_CUSTOM_HEADERS',
  secretHeaders: 'CONTRACT_SECRET_HEADERS',
  operations: 'CONTRACT_OPERATIONS',
  profile: 'CONTRACT_PROFILE',
  anthropicVersion: 'CONTRACT_ANTHROPIC_VERSION',
  seed: 'CONTRACT_SEED',
  runs: 'CONTRACT_RUNS',
  target: 'CONTRACT_TARGET',
  maxRequests: 'CONTRACT_MAX_REQUESTS',
  maxOutputTokens: 'CONTRACT_MAX_OUTPUT_TOKENS',
  concurrency: 'CONTRACT_CONCURRENCY',
  retries: 'CONTRACT_RETRIES',
  timeoutMs: 'CONTRACT_TIMEOUT_MS',
  minTokensPerSecond: 'CONTRACT_MIN_TOKENS_PER_SECOND',
  maxTtftMs: 'CONTRACT_MAX_TTFT_MS',
  runTimeoutMs: 'CONTRACT_RUN_TIMEOUT_MS',
  failOn: 'CONTRACT_FAIL_ON',
  baseline: 'CONTRACT_BASELINE',
  reportsDir: 'CONTRACT_REPORTS_DIR',
  shard: 'CONTRACT_SHARD',
  areas: 'CONTRACT_AREAS',
  label: 'CONTRACT_LABEL',
  features: 'CONTRACT_FEATURES',
  requireFeatures: 'CONTRACT_REQUIRE_FEATURES',
  modelProbes: 'CONTRACT_MODEL_PROBES',
};

export interface RunConfig {
  /** Base URL without trailing slash; each operation's path (`/v1/messages`, `/v1/models`, …) is appended. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Extra headers sent on every request (ANTHROPIC_CUSTOM_HEADERS, `Name: value` per line), names lower case. */
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
  /** CONTRACT_MAX_TTFT_MS: a stream whose first content delta comes later fails (stream_first_token_time); unset, not checked. */
  maxTtftMs?: number;
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
  /** CONTRACT_RUN_TIMEOUT_MS. */
  runTimeoutMs: number;
  failOn: 'any' | 'new';
  baseline?: string;
  /**
   * The target is on this machine (CONTRACT_TARGET=local|remote overrides the guess from the host):
   * more generated bodies, no cost caps, and shrinking failures (extra requests) is cheap.
   */
  local: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Above this a timer fires at once (Node clamps setTimeout to 1 ms): 24.8 days. */
const MAX_INT = 2 ** 31 - 1;

/** Default whole-run limit: a run that is not over by then reports its unfinished areas as not run. */
export const DEFAULT_RUN_TIMEOUT_MS = 15 * 60_000;

/** Names an option the way its user set it: `maxRequests (CONTRACT_MAX_REQUESTS)`. */
const named = (option: keyof ConformanceOptions) => (ENV_OF[option] ? `${option} (${ENV_OF[option]})` : option);

function int(
  o: ConformanceOptions,
  option: keyof ConformanceOptions,
  fallback: number,
  min = 0,
  max = MAX_INT,
): number {
  const n = o[option];
  if (n === undefined) return fallback;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${named(option)} must be an integer from ${min} to ${max}, got ${JSON.stringify(n)}`);
  return n;
}

function oneOf<T extends string>(
  o: ConformanceOptions,
  option: keyof ConformanceOptions,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = o[option];
  if (v === undefined) return fallback;
  if (!allowed.includes(v as T))
    throw new ConfigError(`${named(option)} must be ${allowed.join(' or ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

/** Parses ANTHROPIC_CUSTOM_HEADERS: one `Name: value` per line, as Claude Code reads it. */
export function parseCustomHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of (raw ?? '').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw new ConfigError(`ANTHROPIC_CUSTOM_HEADERS: expected "Name: value" per line, got ${JSON.stringify(line)}`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return checkHeaders(headers, 'ANTHROPIC_CUSTOM_HEADERS');
}

/** Header names as HTTP allows them, lower-cased (how the client sends and redaction compares them). */
function checkHeaders(headers: Record<string, string>, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new ConfigError(`${where}: ${JSON.stringify(name)} is not a header name`);
    if (typeof value !== 'string') throw new ConfigError(`${where}: the value of ${name} must be a string`);
    out[name.toLowerCase()] = value;
  }
  return out;
}

export function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${named('baseURL')} is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`${named('baseURL')} must be http(s), got ${url.protocol}`);
  if (url.search || url.hash) throw new ConfigError(`${named('baseURL')} must not carry a query or fragment`);
  // A trailing slash would give //v1/messages, which servers answer with 404.
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isLoopback(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/** CONTRACT_OPERATIONS: a comma-separated list of messages, count_tokens, models; unset means all. */
function parseOperations(raw: string | undefined): OperationGroup[] | undefined {
  const names = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  return names.length ? (names as OperationGroup[]) : undefined;
}

function operationsOf(o: ConformanceOptions): RunConfig['operations'] {
  const names = o.operations ?? [];
  if (!names.length) return { groups: [...OPERATION_GROUPS], chosen: false };
  const unknown = names.filter((n) => !OPERATION_GROUPS.includes(n));
  if (unknown.length)
    throw new ConfigError(
      `${named('operations')}: unknown operation ${unknown.map((u) => JSON.stringify(u)).join(', ')} (known: ${OPERATION_GROUPS.join(', ')})`,
    );
  return { groups: OPERATION_GROUPS.filter((g) => names.includes(g)), chosen: true };
}

/** A comma-separated list of feature ids (CONTRACT_FEATURES, CONTRACT_REQUIRE_FEATURES); unset means none named. */
function parseFeatures(name: string, raw: string | undefined): FeatureId[] {
  const names = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((n) => !(FEATURE_IDS as readonly string[]).includes(n));
  if (unknown.length)
    throw new ConfigError(
      `${name}: unknown feature ${unknown.map((u) => JSON.stringify(u)).join(', ')} (known: ${FEATURE_IDS.join(', ')})`,
    );
  return FEATURE_IDS.filter((f) => names.includes(f));
}

/** `--shard` / CONTRACT_SHARD: `i/n` with 1 <= i <= n. */
export function parseShard(raw: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const [k, n] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!(k >= 1 && k <= n))
    throw new ConfigError(`shard must be i/n with 1 <= i <= n, e.g. 1/2; got ${JSON.stringify(raw)}`);
  return [k, n];
}

/**
 * Checks the options and fills in the defaults: the run's configuration, decided once. The target
 * (`baseURL` and `apiKey`) must be known by now: runConformance starts the embedded mock first.
 */
export function resolveConfig(o: ConformanceOptions): RunConfig {
  if (o.baseURL === undefined) throw new ConfigError(`${named('baseURL')} is not set`);
  if (!o.baseURL.trim())
    throw new ConfigError(
      `${named('baseURL')} is set but empty: give the target's URL, or leave it unset to run against the embedded reference mock`,
    );
  const baseUrl = normaliseBaseUrl(o.baseURL);
  const local = oneOf(o, 'target', ['local', 'remote'] as const, isLoopback(baseUrl) ? 'local' : 'remote') === 'local';
  const runTimeoutMs = int(o, 'runTimeoutMs', DEFAULT_RUN_TIMEOUT_MS, 1);
  if (!o.apiKey) throw new ConfigError(`${named('apiKey')} is not set: the suite needs a key the target accepts`);
  if (o.shard) parseShard(o.shard.join('/'));
  return {
    baseUrl,
    apiKey: o.apiKey,
    // Empty: the spec's example model (suite/run.ts fills it in from the loaded contract).
    model: o.model || '',
    customHeaders: checkHeaders(o.headers ?? {}, named('headers')),
    secretHeaders: (o.secretHeaders ?? []).map((h) => h.toLowerCase()),
    operations: operationsOf(o),
    anthropicVersion: o.anthropicVersion || '2023-06-01',
    profile: oneOf(o, 'profile', ['full', 'schema'] as const, 'full'),
    seed: int(o, 'seed', 42),
    runs: int(o, 'runs', local ? 50 : 10, 1),
    // A local model server is no faster to start answering than a remote one: the same limits.
    timeoutMs: int(o, 'timeoutMs', 60_000, 1),
    minTokensPerSecond: int(o, 'minTokensPerSecond', 5, 1),
    maxTtftMs: o.maxTtftMs === undefined ? undefined : int(o, 'maxTtftMs', 0, 1),
    // The run starts when its configuration is resolved.
    runDeadline: Date.now() + runTimeoutMs,
    runTimeoutMs,
    // Real deployments cost money: small defaults away from this machine.
    maxRequests: int(o, 'maxRequests', local ? 0 : 200),
    maxOutputTokens: int(o, 'maxOutputTokens', local ? 0 : 100_000),
    concurrency: int(o, 'concurrency', 4, 1),
    // Enough to ride through a target that overloads one request in five (0.2^7 per request).
    retries: int(o, 'retries', 6),
    features: ((chosen) => (chosen.length ? { ids: chosen, chosen: true } : { ids: [...FEATURE_IDS], chosen: false }))(
      parseFeatures(named('features'), o.features?.join(',')),
    ),
    requireFeatures: parseFeatures(named('requireFeatures'), o.requireFeatures?.join(',')),
    modelProbes: o.modelProbes ?? false,
    failOn: oneOf(o, 'failOn', ['any', 'new'] as const, 'any'),
    baseline: o.baseline || undefined,
    // runConformance sets it when it started the mock itself.
    embedded: false,
    local,
  };
}

/**
 * The options the environment sets (the README's settings table): the one place that reads
 * ANTHROPIC_* and CONTRACT_*. Numbers are parsed here, naming the variable; ranges are checked by
 * resolveConfig. Relative paths are the caller's, resolved against `cwd`.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): ConformanceOptions {
  const o: ConformanceOptions = {};
  const str = (option: keyof ConformanceOptions) => {
    const v = env[ENV_OF[option]!];
    return v === undefined || v === '' ? undefined : v;
  };
  const num = (option: keyof ConformanceOptions) => {
    const raw = str(option);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new ConfigError(`${ENV_OF[option]} must be an integer, got ${JSON.stringify(raw)}`);
    return n;
  };
  // Set but empty is a mistake worth naming (resolveConfig says so), not "use the mock".
  if (env.ANTHROPIC_BASE_URL !== undefined) o.baseURL = env.ANTHROPIC_BASE_URL;
  const set = <K extends keyof ConformanceOptions>(k: K, v: ConformanceOptions[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  set('apiKey', str('apiKey'));
  set('model', str('model'));
  if (str('headers')) o.headers = parseCustomHeaders(str('headers'));
  if (str('secretHeaders'))
    o.secretHeaders = str('secretHeaders')!
      .split(/[\s,]+/)
      .filter(Boolean);
  set('operations', parseOperations(str('operations')));
  set('profile', str('profile') as Profile | undefined);
  set('anthropicVersion', str('anthropicVersion'));
  set('label', str('label'));
  if (str('features')) o.features = parseFeatures('CONTRACT_FEATURES', str('features'));
  if (str('requireFeatures')) o.requireFeatures = parseFeatures('CONTRACT_REQUIRE_FEATURES', str('requireFeatures'));
  const probes = str('modelProbes');
  if (probes !== undefined) {
    if (!['0', '1', 'true', 'false'].includes(probes))
      throw new ConfigError(`CONTRACT_MODEL_PROBES must be 1 or 0, got ${JSON.stringify(probes)}`);
    o.modelProbes = probes === '1' || probes === 'true';
  }
  for (const k of [
    'seed',
    'runs',
    'maxRequests',
    'maxOutputTokens',
    'concurrency',
    'retries',
    'timeoutMs',
    'minTokensPerSecond',
    'maxTtftMs',
    'runTimeoutMs',
  ] as const)
    set(k, num(k));
  set('target', str('target') as ConformanceOptions['target']);
  set('failOn', str('failOn') as ConformanceOptions['failOn']);
  const file = (k: 'baseline' | 'reportsDir') => (str(k) ? path.resolve(cwd, str(k)!) : undefined);
  set('baseline', file('baseline'));
  set('reportsDir', file('reportsDir'));
  if (env.CONTRACT_SHARD) o.shard = parseShard(env.CONTRACT_SHARD);
  if (str('areas'))
    o.areas = str('areas')!
      .split(/[\s,]+/)
      .filter(Boolean);
  return o;
}

/** A run configured by variables (tests, users' scripts): optionsFromEnv, then resolveConfig. */
export const readConfig = (env: NodeJS.ProcessEnv): RunConfig => resolveConfig(optionsFromEnv(env));
