/**
 * A `curl` command that reproduces a request. The API key is written as `$ANTHROPIC_API_KEY`, never
 * as itself; other secret header values as `[Filtered]`.
 */
import type { SentRequest } from './exchange';
import { FILTERED, redact } from './redact';

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function toCurl(req: SentRequest, apiKey: string): string {
  const lines = [`curl -sS -N -X POST ${shellQuote(req.url)}`];
  for (const [name, value] of Object.entries(req.headers)) {
    if (apiKey && value.includes(apiKey)) {
      // Double quotes so that the shell expands the variable.
      lines.push(`-H "${name}: ${value.split(apiKey).join('$ANTHROPIC_API_KEY').replace(/"/g, '\\"')}"`);
    } else if (name === 'x-api-key' || name === 'authorization') {
      lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
    } else {
      const shown = redact(value);
      lines.push(`-H ${shellQuote(`${name}: ${shown === value ? value : FILTERED}`)}`);
    }
  }
  lines.push(`--data-raw ${shellQuote(redact(req.body))}`);
  return lines.join(' \\\n  ');
}
