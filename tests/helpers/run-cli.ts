/** Runs one of our CLIs as a user would (a child process), capturing its output and exit code. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export function runCli(script: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 120_000): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|CONTRACT_|JEST_)/.test(k)));
    const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...clean, ...env } as NodeJS.ProcessEnv });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, ms: Date.now() - started });
    });
  });
}
