/**
 * `npm run report -- BEFORE.json AFTER.json`: compares two saved runs (results.json files, e.g. from
 * reports/history/) without calling any server. `--html FILE` also writes AFTER's report with the diff.
 * Exit code 1 when AFTER has new failures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { diffRuns, formatDiff } from '../report/diff';
import { renderHtml } from '../report/html';
import type { RunResults } from '../report/results';

const args = process.argv.slice(2);
const htmlAt = args.indexOf('--html');
const html = htmlAt >= 0 ? args.splice(htmlAt, 2)[1] : undefined;
if (args.length !== 2) {
  console.error('usage: npm run report -- BEFORE.json AFTER.json [--html report.html]');
  process.exit(2);
}
const [before, after] = args.map((f) => JSON.parse(readFileSync(f!, 'utf8')) as RunResults);
const diff = diffRuns(after!, before, args[0]);
console.log(`${args[0]} (${before!.target.label}, ${before!.startedAt}) → ${args[1]} (${after!.target.label}, ${after!.startedAt})`);
console.log(formatDiff(diff));
if (html) writeFileSync(html, renderHtml({ ...after!, diff }));
process.exit(diff.newFailures.length ? 1 : 0);
