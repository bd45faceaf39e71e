/** Runs the command as a user would (a child process), capturing its output and exit code. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface ProcessResult {
  code: number | null;
  out: string;
  ms: number;
}

/** Runs a command to its end (killed at `timeoutMs`), capturing stdout and stderr together. */
export function runProcess(
  cmd: string,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, ms: Date.now() - started });
    });
  });
}

/** A user's shell: none of the suite's or npm's variables, npm from its cache first (the registry for what it lacks). */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|CONTRACT_|JEST_|npm_)/i.test(k)),
  );
  return {
    ...clean,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/** Runs the compiled command of this checkout (`npm run build` first), with the caller's variables on top of a clean environment. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 120_000,
): Promise<ProcessResult> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|CONTRACT_|JEST_)/.test(k)),
  );
  return runProcess(process.execPath, [path.join(ROOT, 'bin/anthropic-conformance.js'), ...args], {
    cwd: ROOT,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    timeoutMs,
  });
}

/** The URL a started reference mock announces ("reference mock on http://127.0.0.1:N"); rejects if it exits first. */
export function mockUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /reference mock on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`mock exited with ${code}: ${out}`)));
  });
}
