/**
 * Keeps secrets out of every output. The API key, and the value of every custom header, are
 * replaced with `[Filtered]` (as Schemathesis does) wherever they appear, in any text we write.
 */
export const FILTERED = '[Filtered]';
const SECRET_HEADERS = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'cookie']);

const secrets: string[] = [];

/** Registers values that must never be printed (the key, custom header values). */
export function registerSecrets(values: Array<string | undefined>): void {
  for (const v of values) if (v && v.length >= 6 && !secrets.includes(v)) secrets.push(v);
  secrets.sort((a, b) => b.length - a.length);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(FILTERED);
  return out;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(k.toLowerCase())) out[k] = redact(v);
    else if (k.toLowerCase() === 'authorization') out[k] = v.replace(/^(\S+\s+)?.*$/, (_m, scheme: string | undefined) => `${scheme ?? ''}${FILTERED}`);
    else out[k] = FILTERED;
  }
  return out;
}
