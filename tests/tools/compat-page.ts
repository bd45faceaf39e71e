/**
 * docs/compatibility.md from the gateways' results.json: which gateway, which version, when, and a
 * table of verdicts (rows: the features a run judges; columns: the gateways), each `broken` cell
 * linked to the failures behind it with a curl line a gateway's maintainer can run. A pure function
 * of its input, so the generic matrix renderer can take its place (or be called from here) later.
 */
import { IMPACT_ORDER, IMPACT_WORDS, type Impact } from '../../src/checks/impact';
import { existsSync, readFileSync } from 'node:fs';
import type { RunResults } from '../../src/report/results';
import type { AreaRecord, FailureRecord } from '../../src/report/serialize';

export type Verdict = 'supported' | 'refused' | 'broken' | 'not_applicable' | 'not_tested';

/** A feature's verdict as results.json gives it (`results.features`), where the run has them. */
export interface FeatureResult {
  id: string;
  title: string;
  verdict: Verdict;
  reason?: string;
  /** The cases behind the verdict (all of them, or by outcome) and the checks that failed on them: they pick the failure records shown. */
  cases?: string[] | { broken?: string[] };
  failedChecks?: string[];
}

export interface GatewayInfo {
  /** Folder under reports/compat/, and the anchor prefix. */
  name: string;
  /** What the page calls it (with the version beside it). */
  title: string;
  package: string;
  version: string;
  description: string;
  /** The model the suite sends (unset: the spec's example model). */
  model?: string;
  modelNote: string;
  /** How it was configured and started, with $PORT, $UPSTREAM, $UPSTREAM_KEY, $ANTHROPIC_API_KEY. */
  setup: string;
  /** Whether it asks clients for a key (APIKEY set). */
  checksKey: boolean;
}

export interface CompatTarget {
  gateway: GatewayInfo;
  results: RunResults & { features?: FeatureResult[] };
}

export interface CompatPage {
  date: string;
  suiteVersion: string;
  upstreamModel: string;
  targets: CompatTarget[];
  /** Reads a curl line's body file (default: from disk); undefined when it is gone. */
  readBodyFile?: (file: string) => string | undefined;
}

interface Cell {
  verdict: Verdict;
  reason: string;
  failures: FailureRecord[];
}

interface Row {
  id: string;
  title: string;
  cells: Cell[];
}

export const SYMBOL: Record<Verdict, string> = {
  supported: '✅',
  refused: '🚫',
  broken: '❌',
  not_applicable: '➖',
  not_tested: '⬜',
};
const WORDS: Record<Verdict, string> = {
  supported: 'supported',
  refused: 'refused',
  broken: 'broken',
  not_applicable: 'not applicable',
  not_tested: 'not tested',
};

/** The failure records of non-conformance (not "target unavailable") in a run. */
const nonconformance = (areas: AreaRecord[]) =>
  areas.flatMap((a) => a.checks.flatMap((c) => c.failures.filter((f) => f.category === 'nonconformance')));

function featureCell(f: FeatureResult, results: RunResults): Cell {
  if (f.verdict !== 'broken') return { verdict: f.verdict, reason: f.reason ?? '', failures: [] };
  const cases = new Set(Array.isArray(f.cases) ? f.cases : (f.cases?.broken ?? []));
  const checks = new Set(f.failedChecks ?? []);
  const all = nonconformance(results.areas);
  const onCases = all.filter((r) => r.cases.some((c) => cases.has(c)) && (!checks.size || checks.has(r.checkId)));
  return {
    verdict: 'broken',
    reason: f.reason ?? '',
    failures: onCases.length ? onCases : all.filter((r) => checks.has(r.checkId)),
  };
}

/** An area's verdict where a run has no feature verdicts: every check passed, refused (404), broken, or not tested. */
function areaCell(a: AreaRecord | undefined): Cell {
  if (!a) return { verdict: 'not_tested', reason: 'not in this run', failures: [] };
  // A 404 to the whole operation is a clean refusal (the area is also marked skipped).
  if (a.notImplemented) return { verdict: 'refused', reason: a.notImplemented, failures: [] };
  if (a.skipped) return { verdict: 'not_tested', reason: a.skipped, failures: [] };
  if (a.notRun) return { verdict: 'not_tested', reason: a.notRun, failures: [] };
  const failures = nonconformance([a]);
  const failedChecks = a.checks.filter(
    (c) => c.status === 'failed' && c.failures.some((f) => f.category === 'nonconformance'),
  );
  if (failures.length)
    return {
      verdict: 'broken',
      reason: `${failedChecks.length} of ${a.checks.length} checks failed: ${failedChecks.map((c) => c.id).join(', ')}`,
      failures,
    };
  if (a.checks.some((c) => c.status === 'failed'))
    return { verdict: 'not_tested', reason: 'the target was unavailable', failures: [] };
  const passed = a.checks.filter((c) => c.status === 'passed').length;
  if (!passed) return { verdict: 'not_applicable', reason: 'no check had anything to judge', failures: [] };
  return { verdict: 'supported', reason: `${passed} checks passed`, failures: [] };
}

/** Feature rows when every run has feature verdicts; otherwise one row per area. */
export function rowsOf(targets: CompatTarget[]): { kind: 'feature' | 'area'; rows: Row[] } {
  if (targets.length && targets.every((t) => Array.isArray(t.results.features))) {
    const ids = [
      ...new Map(targets.flatMap((t) => t.results.features!.map((f) => [f.id, f.title] as const))).entries(),
    ];
    return {
      kind: 'feature',
      rows: ids.map(([id, title]) => ({
        id,
        title,
        cells: targets.map((t) => {
          const f = t.results.features!.find((x) => x.id === id);
          return f
            ? featureCell(f, t.results)
            : { verdict: 'not_tested' as const, reason: 'not in this run', failures: [] };
        }),
      })),
    };
  }
  const ids = [...new Map(targets.flatMap((t) => t.results.areas.map((a) => [a.id, a.title] as const))).entries()];
  return {
    kind: 'area',
    rows: ids.map(([id, title]) => ({
      id,
      title,
      cells: targets.map((t) => areaCell(t.results.areas.find((a) => a.id === id))),
    })),
  };
}

const anchor = (...parts: string[]) =>
  parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
/**
 * What a finding does to clients, where the run records it (`impact`: breaks_clients, deviates,
 * advisory). A broken cell says the worst: a gateway whose only faults deviate (a missing
 * request-id) reads apart from one that loses content.
 */
const impactOf = (f: FailureRecord): Impact | undefined => f.impact;
const rank = (f: FailureRecord) => {
  const impact = impactOf(f);
  const i = impact ? IMPACT_ORDER.indexOf(impact) : -1;
  return i < 0 ? IMPACT_ORDER.length : i;
};
const worstImpact = (c: Cell) => {
  const known = c.failures.map(impactOf).filter((x): x is Impact => !!x);
  return known.length ? IMPACT_ORDER.find((i) => known.includes(i)) : undefined;
};

const cellText = (c: Cell) => {
  const worst = c.verdict === 'broken' ? worstImpact(c) : undefined;
  return `${SYMBOL[c.verdict]} ${WORDS[c.verdict]}${worst ? ` (${IMPACT_WORDS[worst]})` : ''}`;
};
const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const label = (t: CompatTarget, upstreamModel: string) => `${t.gateway.title} ${t.gateway.version} → ${upstreamModel}`;

/**
 * A curl line that runs anywhere the gateway is started as the page says: the gateway's address
 * as `$GATEWAY`, a body the run kept in a file inlined (the reports are not published).
 */
export function portableCurl(curl: string, read: (file: string) => string | undefined): string {
  let out = curl.replace(/'http:\/\/127\.0\.0\.1:\d+(\/[^'"$`\\]*)'/g, '"$$GATEWAY$1"');
  out = out.replace(
    /--data-binary (?:@([\w./-]+)|'@((?:[^']|'\\'')*)')/,
    (whole, plain: string | undefined, quoted: string | undefined) => {
      const body = read(plain ?? quoted!.replace(/'\\''/g, "'"));
      if (body === undefined) return whole;
      const marker = body.includes('\nJSON\n') ? 'END_OF_BODY' : 'JSON';
      return `--data-binary @- <<'${marker}'\n${body.replace(/\n$/, '')}\n${marker}`;
    },
  );
  return out;
}

/** The finding's first line, short: the full text is in the gateway's report. */
const firstLine = (s: string) => {
  // The gateway's install path (a stack trace) differs from run to run: named, not printed.
  const line = (s.split('\n').find((l) => l.trim()) ?? '').replace(
    /(?:\/[\w.-]+)*\/anthropic-compat-[A-Za-z0-9]+/g,
    '<install folder>',
  );
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
};

/** Per broken cell, one failure record per check (the first with a curl line), at most six. */
function shownFailures(failures: FailureRecord[]): { shown: FailureRecord[]; rest: FailureRecord[] } {
  const byCheck = new Map<string, FailureRecord>();
  // The worst first: what breaks clients before what only deviates.
  for (const f of [...failures].sort((a, b) => rank(a) - rank(b)))
    if (!byCheck.has(f.checkId) || (!byCheck.get(f.checkId)!.curl && f.curl)) byCheck.set(f.checkId, f);
  const shown = [...byCheck.values()].slice(0, 6);
  return { shown, rest: failures.filter((f) => !shown.includes(f)) };
}

/**
 * Per check, over every area of a run: failed (non-conformance) anywhere, else passed anywhere,
 * else not judged. Finer than the areas until feature verdicts come; failed cells link to the
 * first area that shows the failure.
 */
function checkTable(targets: CompatTarget[], upstreamModel: string): string[] {
  const ids = [
    ...new Map(
      targets.flatMap((t) => t.results.areas.flatMap((a) => a.checks.map((c) => [c.id, c.title] as const))),
    ).entries(),
  ];
  const out = [
    '### Per check',
    '',
    'Each check is named by the fault it catches.',
    '',
    `| Check | ${targets.map((t) => escapeCell(label(t, upstreamModel))).join(' | ')} |`,
    `| --- | ${targets.map(() => '---').join(' | ')} |`,
  ];
  for (const [id, title] of ids) {
    const cells = targets.map((t) => {
      const found = t.results.areas.flatMap((a) =>
        a.checks.filter((c) => c.id === id).map((c) => ({ area: a, check: c })),
      );
      const failed = found.find(
        (x) => x.check.status === 'failed' && x.check.failures.some((f) => f.category === 'nonconformance'),
      );
      if (failed) return `[${SYMBOL.broken} failed](#${anchor(t.gateway.name, failed.area.id)})`;
      if (found.some((x) => x.check.status === 'passed')) return `${SYMBOL.supported} passed`;
      return `${SYMBOL.not_tested} not judged`;
    });
    out.push(`| ${escapeCell(title)} (\`${id}\`) | ${cells.join(' | ')} |`);
  }
  out.push('');
  return out;
}

export function renderCompatibilityPage(page: CompatPage): string {
  const read = page.readBodyFile ?? ((file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined));
  const { targets } = page;
  const { kind, rows } = rowsOf(targets);
  const out: string[] = [];
  const specs = [...new Set(targets.map((t) => t.results.spec.sha256.slice(0, 12)))];

  out.push('# Anthropic-compatible gateways: the support matrix', '');
  out.push(
    'Gateways and routers that accept `POST /v1/messages` in Anthropic’s format and forward to an OpenAI-compatible',
    'upstream, each installed from npm at the version shown, run behind a deterministic OpenAI-compatible upstream of ours',
    `(\`tests/fixtures/servers/openai-upstream.ts\`, on 127.0.0.1, model \`${page.upstreamModel}\`) and judged by this suite's`,
    'checks (not by "it answered 200"). The upstream always gives the same answer to the same request, so every difference',
    'below is the gateway’s translation. Regenerate with `npm run compat`.',
    '',
  );
  out.push(
    `Generated ${page.date} by anthropic-messages-conformance ${page.suiteVersion}, spec sha256 ${specs.join(', ') || '—'}.`,
    '',
  );

  out.push('## The gateways', '');
  out.push(
    '| Gateway | npm package | What it is | Model sent | Checks passed / failed | Requests |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const t of targets) {
    const g = t.gateway;
    const n = t.results.totals;
    out.push(
      `| ${g.title} ${g.version} | \`${g.package}@${g.version}\` | ${escapeCell(g.description)} | ${g.model ? `\`${g.model}\`` : 'default'} (${escapeCell(g.modelNote)}) | ${n.passed} / ${n.failed + n.unavailable + n.notRun} | ${n.requests} |`,
    );
  }
  out.push('');

  out.push('## The matrix', '');
  out.push(
    kind === 'feature'
      ? 'Rows are the features a client relies on; each verdict comes from the checks that ran on the cases exercising it.'
      : 'Rows are the suite’s areas (feature verdicts replace them when the suite reports them): supported means every check of the area passed; broken links to the failures behind it.',
    '',
    `Legend: ${(Object.keys(SYMBOL) as Verdict[]).map((v) => `${SYMBOL[v]} ${WORDS[v]}`).join(' · ')}.`,
    '',
  );
  out.push(
    `| ${kind === 'feature' ? 'Feature' : 'Area'} | ${targets.map((t) => escapeCell(label(t, page.upstreamModel))).join(' | ')} |`,
  );
  out.push(`| --- | ${targets.map(() => '---').join(' | ')} |`);
  for (const r of rows) {
    const cells = r.cells.map((c, i) =>
      c.verdict === 'broken' ? `[${cellText(c)}](#${anchor(targets[i]!.gateway.name, r.id)})` : escapeCell(cellText(c)),
    );
    out.push(`| ${escapeCell(r.title)} | ${cells.join(' | ')} |`);
  }
  out.push('');
  if (kind === 'area') out.push(...checkTable(targets, page.upstreamModel));

  out.push('## What broke, and how to reproduce it', '');
  out.push(
    'Start the upstream (`UPSTREAM_PORT=8001 node -r esbuild-register tests/fixtures/servers/openai-upstream.ts` in a clone of this',
    'repository prints its address; its key is `upstream-key-0123456789`), start the gateway as its section says, set `GATEWAY` to',
    'the gateway’s address and `ANTHROPIC_API_KEY` to the key it was given, and run the curl line.',
    '',
  );
  for (const [i, t] of targets.entries()) {
    const broken = rows.filter((r) => r.cells[i]!.verdict === 'broken');
    out.push(`### ${t.gateway.title} ${t.gateway.version}`, '');
    out.push(
      `Started with ${t.gateway.setup}${t.gateway.checksKey ? '' : ' (it asks clients for no key: any `ANTHROPIC_API_KEY` does)'}.`,
      '',
    );
    if (!broken.length) {
      out.push('Nothing broken.', '');
      continue;
    }
    // A cause shown once for this gateway (a missing header breaks every area) is named again, not repeated.
    const shownAt = new Map<string, Row>();
    const cause = (f: FailureRecord) => `${f.checkId} ${f.key}`;
    for (const r of broken) {
      const c = r.cells[i]!;
      out.push(
        `<a id="${anchor(t.gateway.name, r.id)}"></a>`,
        '',
        `#### ${r.title}: ${cellText(c)}`,
        '',
        escapeCell(c.reason),
        '',
      );
      const { shown, rest } = shownFailures(c.failures);
      const fresh = shown.filter((f) => !shownAt.has(cause(f)));
      // Every broken cell keeps at least one curl line of its own.
      const full = fresh.length ? fresh : shown.slice(0, 1);
      for (const f of full) {
        out.push(
          `- ${impactOf(f) && IMPACT_WORDS[impactOf(f)!] ? `*${IMPACT_WORDS[impactOf(f)!]}*: ` : ''}**${f.title}** (\`${f.checkId}\`${f.count > 1 ? `, ${f.count} times` : ''}${f.case ? `, case \`${f.case}\`` : ''}): ${escapeCell(firstLine(f.detail))}`,
        );
        if (f.curl)
          out.push(
            '',
            '  ```sh',
            ...portableCurl(f.curl, read)
              .split('\n')
              .map((l) => `  ${l}`),
            '  ```',
          );
        out.push('');
        if (!shownAt.has(cause(f))) shownAt.set(cause(f), r);
      }
      const again = shown.filter((f) => !full.includes(f));
      if (again.length)
        out.push(
          `Also: ${again.map((f) => `**${f.title}** (\`${f.checkId}\`, as under [${shownAt.get(cause(f))!.title}](#${anchor(t.gateway.name, shownAt.get(cause(f))!.id)}))`).join('; ')}.`,
          '',
        );
      if (rest.length)
        out.push(
          `And ${rest.length} more cause(s): ${[...new Set(rest.map((f) => `\`${f.checkId}\``))].join(', ')} (reports/compat/${t.gateway.name}/report.html after a run).`,
          '',
        );
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
