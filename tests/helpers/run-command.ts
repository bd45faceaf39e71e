/** Runs the command line in this process, as `anthropic-conformance ARGS` would, capturing what it prints. */
import { main } from '../../src/cli/main';

export interface CommandResult {
  code: number;
  out: string;
  ms: number;
}

/** `env` is the whole environment the command sees (nothing of this process's leaks in). */
export async function runCommand(
  args: string[],
  env: Record<string, string | undefined> = {},
  stop?: Promise<void>,
  cwd = process.cwd(),
): Promise<CommandResult> {
  const started = Date.now();
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  const code = await main(args, defined, cwd, io, stop);
  return { code, out: lines.join('\n'), ms: Date.now() - started };
}
