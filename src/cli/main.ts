/**
 * `anthropic-conformance`: the package's one command, a thin edge over the engine. Flags are the
 * twins of the environment variables of the README's table (a flag wins); together they become one
 * options object for runConformance / checkRecorded, run in this process. Exit codes: 0 conforms,
 * 1 non-conformance, 2 usage or configuration error, 3 target unavailable or unreachable, 4 run
 * incomplete, 5 the suite itself failed.
 *
 *   anthropic-conformance [run] [flags]                   the suite against a target (or the embedded mock)
 *   anthropic-conformance mock [--port N]                 the reference mock
 *   anthropic-conformance proxy --upstream URL            the validating proxy (judges live traffic)
 *   anthropic-conformance check-recorded PATH...          recorded traffic
 *   anthropic-conformance report A.json B.json [--html F] two saved runs compared
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MOCK_FLAGS } from './mock-flags';
import { ConfigError, optionsFromEnv } from '../config';
import { runConformance } from '../engine/run-conformance';
import { checkRecorded } from '../engine/check-recorded';
import { TargetUnreachable } from '../engine/target';
import { EXIT } from '../engine/exit-codes';
import { progressLine, summaryText } from '../report/summary';
import { findingsText } from '../report/findings';
import { compareRuns } from './report';
import { matrixCommand, targetsCommand } from './matrix';
import { MockUsageError, startMockCommand } from './mock';
import { clientSummaryText } from '../mock/client-grader';
import { PROXY_FLAGS, proxyCommand } from './proxy';
import type { ConformanceResults } from '../engine/run-conformance';

const ROOT = path.resolve(__dirname, '../..');
const NAME = 'anthropic-conformance';

interface Flag {
  flag: string;
  env: string;
  arg: string;
  help: string;
  /** A path: resolved against the caller's working directory (the suite runs from its own root). */
  path?: boolean;
  /** The value names another environment variable that holds the secret. */
  fromEnv?: boolean;
}

/** Flags of `run`, each the twin of one environment variable. */
export const RUN_FLAGS: Flag[] = [
  {
    flag: '--base-url',
    env: 'ANTHROPIC_BASE_URL',
    arg: 'URL',
    help: 'the target; /v1/messages is appended (default: the embedded reference mock)',
  },
  {
    flag: '--api-key-env',
    env: 'ANTHROPIC_API_KEY',
    arg: 'NAME',
    help: 'the environment variable that holds the key (default ANTHROPIC_API_KEY)',
    fromEnv: true,
  },
  { flag: '--model', env: 'ANTHROPIC_MODEL', arg: 'ID', help: 'model for every request' },
  {
    flag: '--headers-env',
    env: 'ANTHROPIC_CUSTOM_HEADERS',
    arg: 'NAME',
    help: 'the environment variable that holds extra headers, "Name: value" per line',
    fromEnv: true,
  },
  {
    flag: '--secret-headers',
    env: 'CONTRACT_SECRET_HEADERS',
    arg: 'NAMES',
    help: 'more header names whose values are secrets, comma-separated',
  },
  {
    flag: '--operations',
    env: 'CONTRACT_OPERATIONS',
    arg: 'LIST',
    help: 'messages,count_tokens,models (default: every one the target answers; one it answers 404 on is reported once as not implemented)',
  },
  {
    flag: '--features',
    env: 'CONTRACT_FEATURES',
    arg: 'LIST',
    help: 'only the requests of these features (text,images,prompt_caching,…); the others are reported not tested',
  },
  {
    flag: '--require-features',
    env: 'CONTRACT_REQUIRE_FEATURES',
    arg: 'LIST',
    help: 'features a clean refusal of fails the run (otherwise refused is reported and passes)',
  },
  {
    flag: '--model-probes',
    env: 'CONTRACT_MODEL_PROBES',
    arg: 'N',
    help: 'also send probes only a real model passes (a code word to repeat); warnings only',
  },
  {
    flag: '--profile',
    env: 'CONTRACT_PROFILE',
    arg: 'full|schema',
    help: 'schema: only what a static-example mock can satisfy',
  },
  {
    flag: '--anthropic-version',
    env: 'CONTRACT_ANTHROPIC_VERSION',
    arg: 'V',
    help: 'the anthropic-version sent (2023-06-01 or 2026-10-21)',
  },
  { flag: '--seed', env: 'CONTRACT_SEED', arg: 'N', help: 'fast-check seed (the same seed sends the same bodies)' },
  { flag: '--runs', env: 'CONTRACT_RUNS', arg: 'N', help: 'generated bodies per property' },
  {
    flag: '--target',
    env: 'CONTRACT_TARGET',
    arg: 'local|remote',
    help: 'which defaults apply (runs, budgets); default: local for a loopback URL',
  },
  {
    flag: '--max-requests',
    env: 'CONTRACT_MAX_REQUESTS',
    arg: 'N',
    help: 'request budget for the run, retries included',
  },
  {
    flag: '--max-output-tokens',
    env: 'CONTRACT_MAX_OUTPUT_TOKENS',
    arg: 'N',
    help: 'budget on the sum of requested max_tokens',
  },
  { flag: '--concurrency', env: 'CONTRACT_CONCURRENCY', arg: 'N', help: 'requests in flight' },
  {
    flag: '--retries',
    env: 'CONTRACT_RETRIES',
    arg: 'N',
    help: 'retries on 429 / 529 / overload error events in a stream / dropped connections',
  },
  {
    flag: '--timeout-ms',
    env: 'CONTRACT_TIMEOUT_MS',
    arg: 'MS',
    help: "the longest wait with nothing arriving: a stream's headers, any gap inside a body",
  },
  {
    flag: '--min-tokens-per-second',
    env: 'CONTRACT_MIN_TOKENS_PER_SECOND',
    arg: 'N',
    help: 'the slowest generation allowed: a request may take --timeout-ms plus its max_tokens at this rate',
  },
  {
    flag: '--max-ttft-ms',
    env: 'CONTRACT_MAX_TTFT_MS',
    arg: 'MS',
    help: 'a stream whose first content delta comes later fails (unset: not checked)',
  },
  { flag: '--run-timeout-ms', env: 'CONTRACT_RUN_TIMEOUT_MS', arg: 'MS', help: 'the whole run' },
  {
    flag: '--fail-on',
    env: 'CONTRACT_FAIL_ON',
    arg: 'any|new',
    help: 'new: fail only on failures new since the previous run',
  },
  {
    flag: '--baseline',
    env: 'CONTRACT_BASELINE',
    arg: 'FILE',
    help: 'a results.json to compare with instead of the previous run',
    path: true,
  },
  {
    flag: '--reports-dir',
    env: 'CONTRACT_REPORTS_DIR',
    arg: 'DIR',
    help: 'where the reports go (default ./reports)',
    path: true,
  },
  {
    flag: '--label',
    env: 'CONTRACT_LABEL',
    arg: 'TEXT',
    help: 'how reports and the matrix name the target, e.g. "my-gateway 2.3.1 → gpt-4.1"',
  },
  {
    flag: '--areas',
    env: 'CONTRACT_AREAS',
    arg: 'LIST',
    help: 'only these areas, comma-separated (examples, valid-requests, invalid-requests, auth-version, semantics, count-tokens, models)',
  },
  {
    flag: '--shard',
    env: 'CONTRACT_SHARD',
    arg: 'I/N',
    help: 'run only the areas of slice I of N (split a run across machines)',
  },
];

const REPORTS_FLAG = RUN_FLAGS.find((f) => f.env === 'CONTRACT_REPORTS_DIR')!;
const KEY_FLAG = RUN_FLAGS.find((f) => f.env === 'ANTHROPIC_API_KEY')!;
const MODEL_FLAG = RUN_FLAGS.find((f) => f.env === 'ANTHROPIC_MODEL')!;

const SUBCOMMANDS: Record<string, { flags: Flag[]; usage: string }> = {
  run: { flags: RUN_FLAGS, usage: `${NAME} [run] [flags]` },
  mock: {
    flags: [KEY_FLAG, MODEL_FLAG],
    usage: `${NAME} mock [--port N] [--api-key-env NAME] [--model ID] [--models LIST] [--report DIR] [pacing and fault options: README "The mock in your CI"]`,
  },
  proxy: {
    flags: [REPORTS_FLAG],
    usage: `${NAME} proxy --upstream URL [--port N] [--reports-dir DIR] [--every N] (forwards to URL and judges the traffic; reports and traffic.har on Ctrl-C)`,
  },
  'check-recorded': {
    flags: [REPORTS_FLAG],
    usage: `${NAME} check-recorded [--reports-dir DIR] PATH... (recorded-exchange JSON or HAR files, or folders of them)`,
  },
  report: { flags: [], usage: `${NAME} report BEFORE.json AFTER.json [--html report.html]` },
  matrix: {
    flags: [],
    usage: `${NAME} matrix RESULTS.json... [--label TEXT]... [--out DIR] [--baseline OLD-matrix.json]`,
  },
  targets: {
    flags: RUN_FLAGS,
    usage: `${NAME} targets FILE.json [--parallel N] [--out DIR] [--baseline OLD-matrix.json] [run flags: defaults for every target]`,
  },
};

/** Flags a subcommand's own entry point parses: passed through untouched. */
const PASS_THROUGH: Record<string, string[]> = {
  mock: MOCK_FLAGS,
  proxy: PROXY_FLAGS,
  report: ['--html'],
  matrix: ['--label', '--out', '--baseline'],
  targets: ['--parallel', '--out', '--baseline'],
};

export class UsageError extends Error {}

export interface Parsed {
  command: string;
  /** The variables the flags set (on top of the caller's environment). */
  env: Record<string, string>;
  /** The subcommand's own arguments (paths, the mock's options). */
  argv: string[];
}

/** Turns the command line into the subcommand, its arguments and the variables its flags set. */
export function parseArgs(args: string[], env: NodeJS.ProcessEnv, cwd: string): Parsed | 'help' | 'version' {
  const rest = [...args];
  if (rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help') return 'help';
  if (rest[0] === '--version' || rest[0] === '-v') return 'version';
  const command = rest[0] && !rest[0].startsWith('-') ? rest.shift()! : 'run';
  const sub = SUBCOMMANDS[command];
  if (!sub) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  const out: Parsed = { command, env: {}, argv: [] };
  while (rest.length) {
    const arg = rest.shift()!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('--')) {
      if (command === 'run') throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
      out.argv.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : rest.shift();
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (PASS_THROUGH[command]?.includes(name)) {
      out.argv.push(name, value());
      continue;
    }
    const flag = sub.flags.find((f) => f.flag === name);
    if (!flag) throw new UsageError(`unknown flag ${name} for ${command}`);
    const v = value();
    if (flag.fromEnv) {
      const secret = env[v];
      if (!secret) throw new UsageError(`${flag.flag} ${v}: the environment variable ${v} is not set`);
      out.env[flag.env] = secret;
    } else out.env[flag.env] = flag.path ? path.resolve(cwd, v) : v;
  }
  // Paths in the environment are the user's, relative to where they ran the command; reports go to
  // ./reports there unless told otherwise (not into the installed package).
  for (const f of sub.flags)
    if (f.path && out.env[f.env] === undefined && env[f.env]) out.env[f.env] = path.resolve(cwd, env[f.env]!);
  if (sub.flags.includes(REPORTS_FLAG) && !out.env.CONTRACT_REPORTS_DIR)
    out.env.CONTRACT_REPORTS_DIR = path.resolve(cwd, 'reports');
  return out;
}

export function usage(): string {
  const width = Math.max(...RUN_FLAGS.map((f) => `${f.flag} ${f.arg}`.length));
  return [
    `${NAME}: contract tests for servers that speak the Anthropic Messages API (POST /v1/messages, count_tokens, models).`,
    '',
    'Usage:',
    ...Object.values(SUBCOMMANDS).map((s) => `  ${s.usage}`),
    `  ${NAME} --help | --version`,
    '',
    'Flags of run (each the twin of an environment variable; a flag wins over the variable):',
    ...RUN_FLAGS.map((f) => `  ${`${f.flag} ${f.arg}`.padEnd(width)}  ${f.env}: ${f.help}`),
    '',
    'Reports: junit.xml, results.json, report.html and history/ in the reports folder.',
    'Exit codes: 0 conforms, 1 non-conformance, 2 usage or configuration error,',
    '            3 target unavailable or unreachable, 4 run incomplete (run time limit hit),',
    '            5 the suite itself failed.',
    '',
    `Example: ${NAME} --base-url http://localhost:8000 --api-key-env MY_KEY`,
  ].join('\n');
}

export function version(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Where the command writes: stdout for results a user pipes, stderr for progress and verdicts. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Runs the command line in this process and returns its exit code (the mock runs until `stop` resolves). */
export async function main(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  io: Io = consoleIo,
  stop?: Promise<void>,
): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args, env, cwd);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${NAME}: ${e.message}\nRun "${NAME} --help" for the usage.`);
    return EXIT.usage;
  }
  if (parsed === 'help') return (io.out(usage()), EXIT.conforms);
  if (parsed === 'version') return (io.out(version()), EXIT.conforms);
  const merged = { ...env, ...parsed.env };
  try {
    switch (parsed.command) {
      case 'mock':
        return await mockCommand(parsed.argv, merged, cwd, io, stop);
      case 'proxy':
        return await proxyCommand(parsed.argv, optionsFromEnv(merged, cwd).reportsDir, io, stop ?? stopSignal());
      case 'report':
        return compareRuns(parsed.argv, io);
      case 'matrix':
        return matrixCommand(
          parsed.argv,
          cwd,
          optionsFromEnv(merged, cwd).reportsDir ?? path.resolve(cwd, 'reports'),
          io,
        );
      case 'targets':
        return await targetsCommand(parsed.argv, merged, cwd, optionsFromEnv(merged, cwd), io);
      case 'check-recorded': {
        const r = await checkRecorded(parsed.argv, { reportsDir: optionsFromEnv(merged, cwd).reportsDir });
        return finish(r, io);
      }
      default: {
        const r = await runConformance({ ...optionsFromEnv(merged, cwd), onArea: (a) => io.err(progressLine(a)) });
        return finish(r, io);
      }
    }
  } catch (e) {
    if (
      e instanceof ConfigError ||
      e instanceof MockUsageError ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`${NAME}: ${(e as Error).message}`);
      return EXIT.usage;
    }
    if (e instanceof TargetUnreachable) {
      io.err(e.message);
      return EXIT.unavailable;
    }
    // A crash of ours is the suite's failure, never the target's (exit 5, not 1).
    io.err(`The suite failed: ${(e as Error)?.stack ?? String(e)}`);
    return EXIT.harness;
  }
}

function finish(r: ConformanceResults, io: Io): number {
  const findings = findingsText(r);
  if (findings) io.err(`\n${findings}`);
  io.err(`\n${summaryText(r, r.reportsDir)}`);
  for (const note of r.notes) io.err(note);
  return r.exitCode;
}

async function mockCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  io: Io,
  stop?: Promise<void>,
): Promise<number> {
  const { server, banner, report } = await startMockCommand(args, env, cwd);
  io.out(banner);
  await (stop ?? stopSignal());
  await server.close();
  const graded = server.clientReport?.().results;
  if (!graded || !report) return EXIT.conforms;
  // With --report the exit code is the client's verdict, as a run's is the server's.
  io.err(`\n${clientSummaryText(graded, report)}`);
  return graded.totals.failing ? EXIT.nonconformant : EXIT.conforms;
}

/** Resolves on Ctrl-C or SIGTERM (how a CI job ends the mock). */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
