/**
 * Keeps secrets out of every output, without garbling the rest. Secrets are the API key and the
 * values of headers that carry credentials: authorization, x-api-key, any name containing key /
 * token / secret / cookie / auth / password / credential, and any header the user names in
 * CONTRACT_SECRET_HEADERS (comma-separated). A secret header's value is replaced whole with
 * `[Filtered]` (as Schemathesis does); in free text (bodies, messages) a secret is replaced where it
 * stands as a whole token, so that a header value that is a common word stays harmless.
 */
export const FILTERED = '[Filtered]';

/** Header names whose values are credentials. */
const CREDENTIAL_NAME = /key|token|secret|cookie|auth|password|passwd|credential|session/i;

/** Header names marked secret for this process (registerRunSecrets), lower case. */
const marked = new Set<string>();

/** What of a run's configuration is secret: its key, its custom headers, the names CONTRACT_SECRET_HEADERS marks. */
export interface SecretSource {
  apiKey: string;
  customHeaders: Record<string, string>;
  /** Lower-case header names marked secret (config.ts reads CONTRACT_SECRET_HEADERS). */
  secretHeaders?: string[];
}

export function isSecretHeader(name: string): boolean {
  const n = name.toLowerCase();
  return CREDENTIAL_NAME.test(n) || marked.has(n);
}

/** The values of a run that must never be printed: the key and the values of secret custom headers. */
export function secretValues(config: SecretSource): string[] {
  const names = new Set(config.secretHeaders ?? []);
  return [config.apiKey, ...Object.entries(config.customHeaders).filter(([name]) => isSecretHeader(name) || names.has(name.toLowerCase())).map(([, v]) => v)];
}

/** Everything a run keeps out of its output: its key, its secret headers' values, the headers CONTRACT_SECRET_HEADERS marks. */
export function registerRunSecrets(config: SecretSource): void {
  for (const n of config.secretHeaders ?? []) marked.add(n);
  registerSecrets(secretValues(config));
}

const secrets: string[] = [];
let pattern: RegExp | undefined;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Registers values that must never be printed (see secretValues). Values shorter than 6 characters
 * are too likely to be ordinary text to be hunted in free text; as header values they are still
 * filtered whole.
 */
export function registerSecrets(values: Array<string | undefined>): void {
  for (const v of values) if (v && v.length >= 6 && !secrets.includes(v)) secrets.push(v);
  secrets.sort((a, b) => b.length - a.length);
  // A long secret (an API key) goes wherever it stands, even glued to other text (`%22sk-…`,
  // `Bearersk-…`): no ordinary word is that long. A short one is a whole token only (not glued to
  // letters, digits, `-` or `_`), so that a header value that is a common word stays harmless.
  const long = secrets.filter((v) => v.length >= LONG_SECRET).map(escapeRe);
  const short = secrets.filter((v) => v.length < LONG_SECRET).map(escapeRe);
  const parts = [...long, ...(short.length ? [`(?<![A-Za-z0-9_-])(?:${short.join('|')})(?![A-Za-z0-9_-])`] : [])];
  pattern = parts.length ? new RegExp(parts.join('|'), 'g') : undefined;
}

/** From this length a secret is replaced wherever it appears. */
const LONG_SECRET = 16;

export function redact(text: string): string {
  return pattern ? text.replace(pattern, FILTERED) : text;
}

/** A secret header's value, filtered whole (an authorization header keeps its scheme: `Bearer [Filtered]`). */
export function filteredValue(name: string, value: string): string {
  if (/^(proxy-)?authorization$/i.test(name)) return value.replace(/^(\S+\s+)?.*$/s, (_m, scheme: string | undefined) => `${scheme ?? ''}${FILTERED}`);
  return FILTERED;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = isSecretHeader(k) ? filteredValue(k, v) : redact(v);
  return out;
}
