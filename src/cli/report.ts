/**
 * `anthropic-conformance report BEFORE.json AFTER.json [--html FILE]`: compares two saved runs
 * (results.json files, e.g. from reports/history/) without calling any server; `--html` also writes
 * AFTER's report with the diff. Exit code 1 when AFTER has new failures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { diffRuns, formatDiff } from '../report/diff';
import { renderHtml } from '../report/html';
import type { RunResults } from '../report/results';
import { ConfigError } from '../config';

export function compareRuns(argv: string[], io: { out(line: string): void }): number {
  const args = [...argv];
  const htmlAt = args.indexOf('--html');
  const html = htmlAt >= 0 ? args.splice(htmlAt, 2)[1] : undefined;
  if (args.length !== 2)
    throw new ConfigError('usage: anthropic-conformance report BEFORE.json AFTER.json [--html report.html]');
  const [before, after] = args.map((f) => {
    try {
      return JSON.parse(readFileSync(f, 'utf8')) as RunResults;
    } catch (e) {
      throw new ConfigError(`${f}: not a results.json (${(e as Error).message})`);
    }
  });
  const diff = diffRuns(after!, before, args[0]);
  io.out(
    `${args[0]} (${before!.target.label}, ${before!.startedAt}) → ${args[1]} (${after!.target.label}, ${after!.startedAt})`,
  );
  io.out(formatDiff(diff));
  if (html) writeFileSync(html, renderHtml({ ...after!, diff }));
  return diff.newFailures.length ? 1 : 0;
}
