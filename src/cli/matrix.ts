/**
 * `anthropic-conformance matrix RESULTS.json... [--label L]... [--out DIR] [--baseline OLD.json]`:
 * feature × target from saved runs (matrix.html, matrix.md, matrix.json); with a baseline matrix,
 * exit 1 when a cell got worse. `anthropic-conformance targets FILE [--parallel N] [--out DIR]`: every
 * target of a file run in this process (bounded in parallel), each into its own reports folder, then
 * the matrix of them all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type ConformanceOptions } from '../config';
import { buildMatrix, type Matrix, type MatrixInput } from '../matrix/matrix';
import { changeText, compareMatrices } from '../matrix/gate';
import { writeMatrix } from '../matrix/write';
import { runConformance } from '../engine/run-conformance';
import { mapPool } from '../suite/pool';
import type { RunResults } from '../report/results';
import { EXIT } from '../engine/exit-codes';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** Takes `--name value` pairs (repeatable) out of argv; the rest are positional. */
function take(argv: string[], names: string[]): { flags: Record<string, string[]>; rest: string[] } {
  const flags: Record<string, string[]> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i]!;
    if (names.includes(name)) (flags[name] ??= []).push(argv[++i] ?? '');
    else rest.push(name);
  }
  return { flags, rest };
}

const readJson = <T>(file: string, what: string): T => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new ConfigError(`${file}: not ${what} (${(e as Error).message})`);
  }
};

/** Writes the matrix and applies the baseline gate: the command's exit code. */
function publish(m: Matrix, out: string, baseline: string | undefined, io: Io): number {
  const files = writeMatrix(m, out);
  io.out(`support matrix: ${files.html}, ${files.md}, ${files.json}`);
  if (!baseline) return EXIT.conforms;
  const { worse, better } = compareMatrices(readJson<Matrix>(baseline, 'a matrix.json'), m);
  for (const c of better) io.err(`better: ${changeText(c)}`);
  for (const c of worse) io.err(`WORSE: ${changeText(c)}`);
  io.err(`since ${baseline}: ${worse.length} cell(s) worse, ${better.length} better`);
  return worse.length ? EXIT.nonconformant : EXIT.conforms;
}

export function matrixCommand(argv: string[], cwd: string, defaultOut: string, io: Io): number {
  const { flags, rest } = take(argv, ['--label', '--out', '--baseline']);
  if (!rest.length)
    throw new ConfigError(
      'usage: anthropic-conformance matrix RESULTS.json... [--label L]... [--out DIR] [--baseline OLD-matrix.json]',
    );
  const labels = flags['--label'] ?? [];
  const inputs: MatrixInput[] = rest.map((f, i) => ({
    results: readJson<MatrixInput['results']>(path.resolve(cwd, f), 'a results.json'),
    label: labels[i],
  }));
  return publish(
    buildMatrix(inputs),
    path.resolve(cwd, flags['--out']?.[0] ?? defaultOut),
    flags['--baseline']?.[0] && path.resolve(cwd, flags['--baseline'][0]),
    io,
  );
}

/** One target of a targets file. The key is read from the variable `apiKeyEnv` names, never written in the file. */
export interface TargetEntry {
  name: string;
  baseURL: string;
  apiKeyEnv?: string;
  headers?: Record<string, string>;
  model?: string;
  label?: string;
}

export async function targetsCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  defaults: ConformanceOptions,
  io: Io,
): Promise<number> {
  const { flags, rest } = take(argv, ['--parallel', '--out', '--baseline']);
  if (rest.length !== 1)
    throw new ConfigError(
      'usage: anthropic-conformance targets FILE.json [--parallel N] [--out DIR] [--baseline OLD-matrix.json]',
    );
  const targets = readJson<TargetEntry[]>(
    path.resolve(cwd, rest[0]!),
    'a targets file (a JSON array of {name, baseURL, apiKeyEnv, headers, model, label})',
  );
  if (!Array.isArray(targets) || !targets.length) throw new ConfigError(`${rest[0]}: expected a JSON array of targets`);
  const names = new Set<string>();
  for (const t of targets) {
    if (!t?.name || !/^[\w.-]+$/.test(t.name) || names.has(t.name))
      throw new ConfigError(
        `${rest[0]}: each target needs a unique name of letters, digits, . _ - (got ${JSON.stringify(t?.name)})`,
      );
    if (!t.baseURL) throw new ConfigError(`${rest[0]}: target ${t.name} has no baseURL`);
    if (t.apiKeyEnv && !env[t.apiKeyEnv])
      throw new ConfigError(`${rest[0]}: target ${t.name}: the variable ${t.apiKeyEnv} is not set`);
    names.add(t.name);
  }
  const parallel = Number(flags['--parallel']?.[0] ?? 2);
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new ConfigError('--parallel must be a whole number of at least 1');
  const out = path.resolve(cwd, flags['--out']?.[0] ?? defaults.reportsDir ?? 'reports');
  const runs = await mapPool(targets, parallel, async (t) => {
    const options: ConformanceOptions = {
      ...defaults,
      baseURL: t.baseURL,
      apiKey: t.apiKeyEnv ? env[t.apiKeyEnv] : defaults.apiKey,
      headers: { ...defaults.headers, ...t.headers },
      model: t.model ?? defaults.model,
      label: t.label ?? t.name,
      reportsDir: path.join(out, t.name),
    };
    try {
      const r = await runConformance(options);
      io.err(`${t.name}: exit ${r.exitCode}; ${r.totals.passed} passed, ${r.totals.failing} failed`);
      return { t, results: r as RunResults, code: r.exitCode };
    } catch (e) {
      io.err(`${t.name}: ${(e as Error).message}`);
      return { t, code: e instanceof ConfigError ? EXIT.usage : EXIT.unavailable };
    }
  });
  const done = runs.filter((r): r is typeof r & { results: RunResults } => 'results' in r && r.results !== undefined);
  const gate = done.length
    ? publish(
        buildMatrix(done.map((r) => ({ results: r.results, label: r.t.label ?? r.t.name }))),
        out,
        flags['--baseline']?.[0] && path.resolve(cwd, flags['--baseline'][0]),
        io,
      )
    : EXIT.conforms;
  // The worst of the targets' own verdicts and the matrix gate (non-conformance first, as for one run).
  const codes = [...runs.map((r) => r.code), gate];
  return codes.includes(EXIT.nonconformant) ? EXIT.nonconformant : Math.max(...codes);
}
