/**
 * The support matrix: feature × target, from runs' results. Rows are the features a run gives a
 * verdict on (results.features) and the operations; columns are targets, each headed by its label,
 * the date, the suite's version and the spec's sha. A cell is a verdict in words with a symbol
 * (never colour alone) and the findings behind it, so that every "broken" can be reproduced.
 */
import type { RunResults } from '../report/results';
import type { FailureRecord } from '../report/serialize';
import type { FeatureVerdict } from '../features/ids';
import type { FeatureResult } from '../features/verdicts';
import { IMPACT_ORDER, type Impact } from '../checks/impact';

export type Verdict = FeatureVerdict;

/** How each verdict reads, with the symbol a reader without colour still tells apart. */
export const VERDICTS: Record<Verdict, { word: string; symbol: string }> = {
  supported: { word: 'supported', symbol: '✓' },
  refused: { word: 'refused', symbol: '⊘' },
  broken: { word: 'broken', symbol: '✗' },
  not_applicable: { word: 'not applicable', symbol: '–' },
  not_tested: { word: 'not tested', symbol: '?' },
};

export interface Finding {
  impact: Impact;
  area: string;
  check: string;
  title: string;
  detail: string;
  cases: string[];
  curl?: string;
}

export interface Cell {
  verdict: Verdict;
  reason: string;
  findings: Finding[];
}

export interface Column {
  label: string;
  baseUrl: string;
  date: string;
  suiteVersion: string;
  specSha: string;
}

export interface Row {
  id: string;
  title: string;
  kind: 'feature' | 'operation';
}

export interface Matrix {
  generatedAt: string;
  columns: Column[];
  rows: Row[];
  /** cells[row id][column index] */
  cells: Record<string, Cell[]>;
}

export interface MatrixInput {
  results: RunResults;
  /** The column's heading (default: the run's target label). */
  label?: string;
}

const OPERATIONS: Row[] = [
  { id: 'operation:messages', title: 'POST /v1/messages', kind: 'operation' },
  { id: 'operation:count_tokens', title: 'POST /v1/messages/count_tokens', kind: 'operation' },
  { id: 'operation:models', title: 'GET /v1/models', kind: 'operation' },
];

export function buildMatrix(inputs: MatrixInput[], now = new Date()): Matrix {
  const rows: Row[] = [];
  for (const { results } of inputs)
    for (const f of results.features ?? [])
      if (!rows.some((r) => r.id === f.id)) rows.push({ id: f.id, title: f.title, kind: 'feature' });
  rows.push(...OPERATIONS);
  const cells: Record<string, Cell[]> = Object.fromEntries(
    rows.map((r) => [r.id, inputs.map(({ results }) => cellOf(r, results))]),
  );
  return {
    generatedAt: now.toISOString(),
    columns: inputs.map(({ results, label }) => ({
      label: label ?? results.target.label,
      baseUrl: results.target.baseUrl,
      date: results.startedAt,
      suiteVersion: results.toolVersion ?? 'unknown',
      specSha: results.spec.sha256.slice(0, 12),
    })),
    rows,
    cells,
  };
}

function cellOf(row: Row, results: MatrixInput['results']): Cell {
  if (row.kind === 'feature') {
    const f = results.features?.find((x) => x.id === row.id);
    if (!f) return { verdict: 'not_tested', reason: 'this run gave no verdict on it', findings: [] };
    return {
      verdict: f.verdict,
      reason: f.reason ?? '',
      findings: f.verdict === 'broken' || f.verdict === 'refused' ? findingsFor(results, f) : [],
    };
  }
  return operationCell(row.id.slice('operation:'.length), results);
}

/** The failures behind a feature's verdict: its failed checks on its cases. */
function findingsFor(results: RunResults, f: FeatureResult): Finding[] {
  const cases = new Set([...(f.cases?.broken ?? []), ...(f.cases?.refused ?? [])]);
  const checks = new Set(f.failedChecks ?? []);
  const out: Finding[] = [];
  for (const a of results.areas)
    for (const c of a.checks)
      for (const r of [...c.failures, ...c.warnings]) {
        const hit = (r.cases ?? []).some((x) => cases.has(x));
        if (hit && (checks.size === 0 || checks.has(r.checkId))) out.push(finding(a.id, r));
      }
  return byImpact(out).slice(0, 20);
}

/** Findings that break clients first. */
const byImpact = (xs: Finding[]) =>
  [...xs].sort((a, b) => IMPACT_ORDER.indexOf(a.impact) - IMPACT_ORDER.indexOf(b.impact));

const finding = (area: string, r: FailureRecord): Finding => ({
  impact: r.impact ?? 'deviates',
  area,
  check: r.checkId,
  title: r.title,
  detail: r.detail.split('\n').slice(0, 4).join('\n'),
  cases: r.cases ?? [],
  curl: r.curl,
});

/** The paths of each operation group (areas also call other operations: a count's /v1/messages twin). */
const PATHS: Record<string, RegExp> = {
  messages: /\/v1\/messages$/,
  count_tokens: /\/v1\/messages\/count_tokens$/,
  models: /\/v1\/models(\/[^/]+)?$/,
};
const onOperation = (group: string, f: FailureRecord) =>
  !f.request || PATHS[group]!.test(new URL(f.request.url).pathname);

/** An operation's verdict: not implemented (refused), non-conformance on its own answers (broken), nothing judged (not tested). */
function operationCell(group: string, results: RunResults): Cell {
  const areas = results.areas.filter((a) => (a.group ?? 'messages') === group);
  if (!areas.length) return { verdict: 'not_tested', reason: 'no area of this run calls it', findings: [] };
  const missing = areas.find((a) => a.notImplemented);
  if (missing)
    return {
      verdict: missing.skipped ? 'refused' : 'broken',
      reason: `not implemented: ${missing.notImplemented}`,
      findings: [],
    };
  const failed = results.areas.flatMap((a) =>
    a.checks.flatMap((c) =>
      c.failures.filter((f) => f.category === 'nonconformance' && onOperation(group, f)).map((f) => ({ a, c, f })),
    ),
  );
  if (failed.length) {
    const ids = [...new Set(failed.map((x) => x.c.id))];
    return {
      verdict: 'broken',
      reason: `${ids.length} check(s) failed: ${ids.join(', ')}`,
      findings: byImpact(failed.map(({ a, f }) => finding(a.id, f))).slice(0, 20),
    };
  }
  const ran = areas.flatMap((a) => a.checks).filter((c) => c.status === 'passed').length;
  if (!ran)
    return {
      verdict: 'not_tested',
      reason: areas.map((a) => a.skipped).filter(Boolean)[0] ?? 'nothing was judged',
      findings: [],
    };
  return { verdict: 'supported', reason: `${ran} check(s) passed`, findings: [] };
}
