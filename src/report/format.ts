/**
 * The one place failures become text (Schemathesis' format_failures): the rule broken, what was sent
 * (case, seed, curl line with the key as $ANTHROPIC_API_KEY), what came back (status, headers, body
 * or event excerpt). Everything goes through redact() and escapeControls() on the way out: no
 * secret, and no server byte that could move a terminal's cursor.
 */
import type { Failure } from '../checks/failure';
import type { Exchange } from '../http/exchange';
import { keyOnlyRedactor, type Redactor } from '../http/redact';
import { escapeControls } from './escape';
import { reproCurl } from './repro';

const SHOWN_HEADERS = ['content-type', 'location', 'request-id', 'retry-after', 'x-should-retry'];

/** Server text made safe to print: secrets filtered, control characters escaped. */
const safeText = (s: string, secrets: Redactor): string => escapeControls(secrets.text(s));

/** The run's redactor the options carry, or one that knows the API key alone. */
export const secretsOf = (o: Pick<FormatOptions, 'apiKey' | 'redactor'>): Redactor =>
  o.redactor ?? keyOnlyRedactor(o.apiKey);

export function responseExcerpt(ex: Exchange, eventIndex: number | undefined, secrets: Redactor): string {
  const res = ex.response;
  if (!res)
    return safeText(ex.transportError ? `(no response: ${ex.transportError.message})` : '(no response)', secrets);
  const headers = secrets.headers(
    Object.fromEntries(SHOWN_HEADERS.filter((h) => res.headers[h] !== undefined).map((h) => [h, res.headers[h]!])),
  );
  const lines = [`[${res.status}]`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (res.events) {
    const from = Math.max(0, (eventIndex ?? 0) - 2);
    const shown = res.events
      .slice(from, from + 6)
      .map((e, i) => `  #${from + i} ${e.raw.trim().replace(/\n/g, '\n     ').slice(0, 400)}`);
    lines.push(`${res.events.length} events${from ? ` (from #${from})` : ''}:`, ...shown);
  } else {
    lines.push(res.text ? res.text.slice(0, 1200) + (res.text.length > 1200 ? ' …' : '') : '<EMPTY>');
  }
  return safeText(lines.join('\n'), secrets);
}

/**
 * One cause: the failures of one key, after the findings with the same text in one answer were
 * collapsed (a null error.type breaks two schema rules; it is one finding, counted twice).
 */
export interface FailureGroup {
  /** The failure shown (the first, which is a shrunk case when there is one). */
  first: Failure;
  failures: Failure[];
  /** Every distinct case name that hit this cause, in order. */
  cases: string[];
  /** Findings with this same text in one answer (the most in any answer): above 1 when collapsed. */
  perAnswer: number;
  /** The keys collapsed into this cause (its own first). */
  keys: string[];
}

export function groupFailures(failures: Failure[]): FailureGroup[] {
  // 1. The same check saying the same thing about the same answer is one finding.
  const seen = new Map<Exchange | undefined, Map<string, { f: Failure; n: number; keys: string[] }>>();
  const primaries: Array<{ f: Failure; n: number; keys: string[] }> = [];
  for (const f of failures) {
    const byText = seen.get(f.exchange) ?? seen.set(f.exchange, new Map()).get(f.exchange)!;
    const text = `${f.checkId}\n${f.detail}`;
    const hit = byText.get(text);
    if (hit) {
      hit.n += 1;
      if (!hit.keys.includes(f.key)) hit.keys.push(f.key);
      continue;
    }
    const p = { f, n: 1, keys: [f.key] };
    byText.set(text, p);
    primaries.push(p);
  }
  // 2. One cause per key: a hundred cases hitting one bug are one failure.
  const groups = new Map<string, FailureGroup>();
  for (const p of primaries) {
    const g =
      groups.get(p.f.key) ??
      groups.set(p.f.key, { first: p.f, failures: [], cases: [], perAnswer: 1, keys: [] }).get(p.f.key)!;
    g.failures.push(p.f);
    g.perAnswer = Math.max(g.perAnswer, p.n);
    for (const k of p.keys) if (!g.keys.includes(k)) g.keys.push(k);
    const name = p.f.exchange?.case.name;
    if (name !== undefined && !g.cases.includes(name)) g.cases.push(name);
  }
  return [...groups.values()];
}

/** Distinct exchanges among failures (a check's headline count). */
export const failingExchanges = (failures: Failure[]): number => new Set(failures.map((f) => f.exchange ?? f)).size;

export interface FormatOptions {
  apiKey: string;
  /** The run's secrets (Run.redactor); without it only the API key and credential-named headers are hidden. */
  redactor?: Redactor;
  /** Where long request bodies are written for the curl line (default: the reports folder's cases/). */
  casesDir?: string;
  /** Case names listed per failure before "… and N more" (default 5). */
  casesShown?: number;
}

/** What collapsing did, in words (empty when nothing was collapsed). */
export function collapsedNote(g: Pick<FailureGroup, 'perAnswer' | 'keys'>): string {
  return g.perAnswer > 1
    ? `Found ${g.perAnswer}× in one answer (${g.keys.map((k) => k.slice(k.indexOf(':') + 1)).join(', ')}): one cause, shown once.`
    : '';
}

function formatFailure(f: Failure, o: FormatOptions, note = ''): string {
  const ex = f.exchange;
  const secrets = secretsOf(o);
  const out = [
    `- ${f.title}${f.severity === 'warning' ? ' (warning)' : ''}${f.category !== 'nonconformance' ? ` [${f.category}]` : ''}`,
    indent(f.detail),
    `  Rule: ${f.source}`,
  ];
  if (note) out.push(`  ${note}`);
  if (ex) {
    const m = ex.case.meta;
    out.push(`  Case: ${ex.case.name}${m?.rule ? ` — ${m.rule}` : m?.description ? ` — ${m.description}` : ''}`);
    if (m?.seed !== undefined)
      out.push(`  Replay: CONTRACT_SEED=${m.seed}${m.fcPath ? ` (fast-check path ${m.fcPath})` : ''}`);
    if (m?.conversation) out.push('  Conversation so far:', indent(m.conversation.transcript.join('\n'), 4));
    out.push(
      '  Response:',
      indent(responseExcerpt(ex, f.eventIndex, secrets), 4),
      '  Reproduce with:',
      indent(reproCurl(ex, secrets, o.casesDir), 4),
    );
  }
  return safeText(out.join('\n'), secrets);
}

/** "a, b, c, … and 9 more" */
export function listCases(cases: string[], shown: number): string {
  return `${cases.slice(0, shown).join(', ')}${cases.length > shown ? `, … and ${cases.length - shown} more` : ''}`;
}

/**
 * Each cause printed once, the first `limit` in full; the console names the cases of each up to
 * casesShown and says how many it left out (results.json and report.html list every one).
 */
export function formatFailures(failures: Failure[], o: FormatOptions, limit = 5): string {
  const groups = groupFailures(failures);
  const shown = o.casesShown ?? 5;
  const secrets = secretsOf(o);
  const parts = groups.slice(0, limit).map((g) => {
    const cases =
      g.cases.length > 1
        ? `\n  (${g.cases.length} cases hit this: ${listCases(g.cases, shown)}${g.cases.length > shown ? '; results.json and report.html list every case' : ''})`
        : '';
    return `${formatFailure(g.first, o, collapsedNote(g))}${safeText(cases, secrets)}`;
  });
  const rest = groups.slice(limit);
  if (rest.length) {
    const lines = rest
      .slice(0, 20)
      .map(
        (g) =>
          `  - ${g.first.title}: ${g.first.detail.split('\n')[0]!.slice(0, 120)} (${g.cases.length} case${g.cases.length === 1 ? '' : 's'}: ${listCases(g.cases, 3)})`,
      );
    const more = rest.length > 20 ? [`  … and ${rest.length - 20} more not named here`] : [];
    parts.push(
      safeText(
        [
          `… and ${rest.length} more distinct failure(s), in brief (report.html shows each in full):`,
          ...lines,
          ...more,
        ].join('\n'),
        secrets,
      ),
    );
  }
  return parts.join('\n\n');
}

const indent = (s: string, n = 2) =>
  s
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
