/**
 * Keeps credentials out of every output, and garbles nothing else. Only credential values are
 * secrets: the API key, the values of headers whose name marks a credential (`x-api-key`,
 * `authorization`, `x-gateway-token`, `set-cookie`, … — a name word, never a substring: `portkey`
 * is no `key`), and of the headers CONTRACT_SECRET_HEADERS names. A secret header's value is shown
 * whole as `[Filtered]` (as Schemathesis does); any other header prints as it is.
 *
 * In free text (bodies, messages, curl lines) a secret is replaced where it occurs as a whole value,
 * never as a word inside other text: a long secret (an API key, a token: no ordinary text holds its
 * 16+ characters by chance) wherever it stands, even glued to other text (`Bearersk-…`, `%22sk-…`);
 * a short one only where it is a whole value — the whole text, or a whole JSON string — so that a
 * secret that happens to be a common word (`anthropic`) leaves `docs.anthropic.com` alone.
 *
 * The state is per run: createRun builds a Redactor from the run's configuration and the reports
 * take it with their options (report/format.ts FormatOptions.redactor).
 */
export const FILTERED = '[Filtered]';

/** What of a run's configuration is secret: its key, its custom headers, the names CONTRACT_SECRET_HEADERS marks. */
export interface SecretSource {
  apiKey: string;
  customHeaders: Record<string, string>;
  /** Lower-case header names marked secret (config.ts reads CONTRACT_SECRET_HEADERS). */
  secretHeaders?: string[];
  /** More secret values (the validating proxy learns its clients' keys from their traffic). */
  values?: string[];
}

/**
 * One word of a header name (split at `-`, `_`, `.`) that marks a credential: key, token, secret,
 * cookie, auth, authorization, password, session, signature, bearer, jwt, and compounds such as
 * apikey, accesstoken, clientsecret, subscriptionkey. `portkey`, `monkey`, `keyword` are not.
 */
const CREDENTIAL_WORD =
  /^(?:[a-z0-9]*(?:token|secret|password|passwd|cookie|credentials?|signature)|(?:[a-z0-9]*(?:api|access|secret|private|auth|session|subscription|client|master|signing))?key|auth|authorization|pwd|session|sessionid|bearer|jwt)$/;

/** The header name marks a credential by one of its words (no configuration needed). */
export function isCredentialName(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[-_.]+/)
    .some((word) => CREDENTIAL_WORD.test(word));
}

/** From this length a secret is replaced wherever it appears; shorter ones only as whole values. */
const LONG_SECRET = 16;
/** Shorter values are too likely to be ordinary text: as header values they are still filtered whole. */
const MIN_SECRET = 6;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A secret header's value, filtered whole (an authorization header keeps its scheme: `Bearer [Filtered]`). */
export function filteredValue(name: string, value: string): string {
  if (/^(proxy-)?authorization$/i.test(name))
    return value.replace(/^(\S+\s+)?.*$/s, (_m, scheme: string | undefined) => `${scheme ?? ''}${FILTERED}`);
  return FILTERED;
}

/** A run's secrets, and how every output hides them. */
export class Redactor {
  /** The API key (curl lines write it as $ANTHROPIC_API_KEY). */
  readonly apiKey: string;
  private readonly marked: Set<string>;
  private readonly values: string[];
  private readonly pattern?: RegExp;
  private readonly source: SecretSource;

  constructor(source: SecretSource) {
    this.apiKey = source.apiKey;
    this.marked = new Set((source.secretHeaders ?? []).map((n) => n.toLowerCase()));
    const fromHeaders = Object.entries(source.customHeaders)
      .filter(([name]) => this.isSecretHeader(name))
      .map(([, v]) => v);
    this.source = source;
    this.values = [
      ...new Set([source.apiKey, ...fromHeaders, ...(source.values ?? [])].filter((v) => v && v.length >= MIN_SECRET)),
    ].sort((a, b) => b.length - a.length);
    const long = this.values.filter((v) => v.length >= LONG_SECRET).map(escapeRe);
    // A short one: the whole text, or a whole JSON string (its JSON-escaped form between quotes).
    const short = this.values
      .filter((v) => v.length < LONG_SECRET)
      .map((v) => escapeRe(JSON.stringify(v).slice(1, -1)));
    const parts = [...long, ...(short.length ? [`(?<=^|")(?:${short.join('|')})(?="|$)`] : [])];
    this.pattern = parts.length ? new RegExp(parts.join('|'), 'g') : undefined;
  }

  /** The header carries a credential: by its name, or because CONTRACT_SECRET_HEADERS names it. */
  isSecretHeader(name: string): boolean {
    return isCredentialName(name) || this.marked.has(name.toLowerCase());
  }

  /** This redactor and more secret values (itself when they are all known already). */
  with(values: string[]): Redactor {
    const fresh = values.filter((v) => v && v.length >= MIN_SECRET && !this.values.includes(v));
    return fresh.length ? new Redactor({ ...this.source, values: [...(this.source.values ?? []), ...fresh] }) : this;
  }

  /** The values this run keeps out of its output (the key and secret headers' values, long enough to hunt). */
  secretValues(): string[] {
    return [...this.values];
  }

  /** Free text with every secret replaced where it occurs as a whole value. */
  text(s: string): string {
    return this.pattern ? s.replace(this.pattern, FILTERED) : s;
  }

  /** A header value as it may be shown. */
  headerValue(name: string, value: string): string {
    return this.isSecretHeader(name) ? filteredValue(name, value) : this.text(value);
  }

  headers(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, this.headerValue(k, v)]));
  }
}

/** The redactor of a run's configuration. */
export const redactorFor = (source: SecretSource): Redactor => new Redactor(source);

/** A redactor that knows only the API key (and credential header names): for callers without a run. */
export const keyOnlyRedactor = (apiKey: string): Redactor => new Redactor({ apiKey, customHeaders: {} });
