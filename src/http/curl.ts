/**
 * A `curl` command that reproduces a request. The API key is written as `$ANTHROPIC_API_KEY`, never
 * as itself; the values of other secret headers as `[Filtered]` (redact.ts); every other header as
 * it was sent, so that the line runs. A body too long or too odd to read on one line is referred to
 * as a file (`--data-binary @file`), which report/repro.ts writes.
 */
import type { SentRequest } from './exchange';
import { filteredValue, keyOnlyRedactor, Redactor } from './redact';

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface CurlOptions {
  /** Path of a file holding the body, sent with --data-binary @path instead of inline. */
  bodyFile?: string;
}

/** `secrets`: the run's redactor (or just its API key). */
export function toCurl(req: SentRequest, secrets: Redactor | string, o: CurlOptions = {}): string {
  const r = typeof secrets === 'string' ? keyOnlyRedactor(secrets) : secrets;
  const apiKey = r.apiKey;
  const lines = [`curl -sS -N -X ${req.method} ${shellQuote(req.url)}`];
  for (const [name, value] of Object.entries(req.headers)) {
    if (apiKey && r.isSecretHeader(name) && value.includes(apiKey)) {
      // Double quotes so that the shell expands the variable; the rest of the value escaped for them.
      const shown = value
        .split(apiKey)
        .map((part) => part.replace(/["\\$`]/g, '\\$&'))
        .join('$ANTHROPIC_API_KEY');
      lines.push(`-H "${name}: ${shown}"`);
    } else if (r.isSecretHeader(name)) {
      lines.push(`-H ${shellQuote(`${name}: ${filteredValue(name, value)}`)}`);
    } else {
      lines.push(`-H ${shellQuote(`${name}: ${r.text(value)}`)}`);
    }
  }
  // A GET (the models endpoints) sends no body.
  if (req.method === 'GET' && !req.body) return lines.join(' \\\n  ');
  lines.push(
    o.bodyFile
      ? `--data-binary ${/^[\w./-]+$/.test(o.bodyFile) ? `@${o.bodyFile}` : shellQuote(`@${o.bodyFile}`)}`
      : `--data-raw ${shellQuote(r.text(req.body))}`,
  );
  return lines.join(' \\\n  ');
}
