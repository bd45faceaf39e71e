/**
 * Runnable, readable repro lines. A short one-line body goes inline in the curl line; a long one
 * (an unshrunk generated body runs to thousands of characters), a multi-line one or one with control
 * characters is written, redacted, to `<reports>/cases/<case>.json` and sent with
 * `--data-binary @file`, so that the line stays short and sends exactly the bytes of the case.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Exchange } from '../http/exchange';
import { toCurl } from '../http/curl';
import type { Redactor } from '../http/redact';
import { hasControls } from './escape';

/** Longest body kept inline in a curl line. */
export const INLINE_BODY_MAX = 400;

/** A file name made of the case name: letters, digits, `.`, `_` and `-` only, at most 80 characters. */
export function safeCaseFileName(caseName: string): string {
  const base =
    caseName
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+|_+$/g, '')
      .slice(0, 80) || 'case';
  return `${base}.json`;
}

/** `p` relative to the working directory when it is below it (what a user types), else absolute. */
export const displayPath = (p: string): string => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
};

/**
 * Writes the body to the cases folder and returns its path, or undefined when the body is fine
 * inline (or there is no folder, or it cannot be written: the line is then long, but still right).
 */
function writeCaseBody(
  caseName: string,
  body: string,
  secrets: Redactor,
  casesDir: string | undefined,
): string | undefined {
  // No reports folder (a run in code that writes no files): the line carries the body, long but right.
  if (!casesDir) return undefined;
  if (body.length <= INLINE_BODY_MAX && !body.includes('\n') && !hasControls(body)) return undefined;
  const content = secrets.text(body);
  let file = path.join(casesDir, safeCaseFileName(caseName));
  try {
    mkdirSync(casesDir, { recursive: true });
    const earlier = written.get(file);
    // Another case of this run with the same safe name and another body: keep both.
    if (earlier !== undefined && earlier !== content)
      file = file.replace(/\.json$/, `-${createHash('sha256').update(content).digest('hex').slice(0, 8)}.json`);
    writeFileSync(file, content);
    written.set(file, content);
    return displayPath(file);
  } catch {
    return undefined;
  }
}

/** The case files this process (one run) wrote, and what they hold. */
const written = new Map<string, string>();

/** The curl line that reproduces an exchange's request; long bodies go to `casesDir`. */
export function reproCurl(ex: Exchange, secrets: Redactor, casesDir?: string): string {
  return toCurl(ex.request, secrets, { bodyFile: writeCaseBody(ex.case.name, ex.request.body, secrets, casesDir) });
}
