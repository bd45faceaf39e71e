/**
 * The one place failures become text (Schemathesis' format_failures): the rule broken, what was sent
 * (case, seed, curl line with the key as $ANTHROPIC_API_KEY), what came back (status, headers, body
 * or event excerpt). Everything goes through redact() on the way out.
 */
import type { Failure } from '../checks/failure';
import type { Exchange } from '../http/exchange';
import { toCurl } from '../http/curl';
import { redact, redactHeaders } from '../http/redact';

const SHOWN_HEADERS = ['content-type', 'request-id', 'retry-after', 'x-should-retry'];

export function responseExcerpt(ex: Exchange, eventIndex?: number): string {
  const res = ex.response;
  if (!res) return ex.transportError ? `(no response: ${ex.transportError.message})` : '(no response)';
  const headers = redactHeaders(Object.fromEntries(SHOWN_HEADERS.filter((h) => res.headers[h] !== undefined).map((h) => [h, res.headers[h]!])));
  const lines = [`[${res.status}]`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (res.events) {
    const from = Math.max(0, (eventIndex ?? 0) - 2);
    const shown = res.events.slice(from, from + 6).map((e, i) => `  #${from + i} ${e.raw.trim().replace(/\n/g, '\n     ').slice(0, 400)}`);
    lines.push(`${res.events.length} events${from ? ` (from #${from})` : ''}:`, ...shown);
  } else {
    lines.push(res.text ? res.text.slice(0, 1200) + (res.text.length > 1200 ? ' …' : '') : '<EMPTY>');
  }
  return redact(lines.join('\n'));
}

export interface FormatOptions {
  apiKey: string;
}

export function formatFailure(f: Failure, o: FormatOptions): string {
  const ex = f.exchange;
  const out = [`- ${f.title}${f.severity === 'warning' ? ' (warning)' : ''}${f.category !== 'nonconformance' ? ` [${f.category}]` : ''}`, indent(f.detail), `  Rule: ${f.source}`];
  if (ex) {
    const m = ex.case.meta;
    out.push(`  Case: ${ex.case.name}${m?.rule ? ` — ${m.rule}` : m?.description ? ` — ${m.description}` : ''}`);
    if (m?.seed !== undefined) out.push(`  Replay: CONTRACT_SEED=${m.seed}${m.fcPath ? ` (fast-check path ${m.fcPath})` : ''}`);
    out.push('  Response:', indent(responseExcerpt(ex, f.eventIndex), 4), '  Reproduce with:', indent(toCurl(ex.request, o.apiKey), 4));
  }
  return redact(out.join('\n'));
}

/** Groups failures by key (one bug hit by a hundred cases is one failure) and prints each once. */
export function formatFailures(failures: Failure[], o: FormatOptions, limit = 5): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) groups.set(f.key, [...(groups.get(f.key) ?? []), f]);
  const parts = [...groups.values()].slice(0, limit).map((g) => `${formatFailure(g[0]!, o)}${g.length > 1 ? `\n  (${g.length} cases hit this: ${[...new Set(g.map((x) => x.exchange?.case.name))].slice(0, 5).join(', ')})` : ''}`);
  if (groups.size > limit) parts.push(`… and ${groups.size - limit} more distinct failures (reports/report.html lists all)`);
  return parts.join('\n\n');
}

const indent = (s: string, n = 2) => s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
