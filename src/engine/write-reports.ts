/**
 * The files a run leaves, all from its results: results.json (with the diff against the previous
 * run, copied into history/), report.html for people and junit.xml for CI.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeResults, type RunResults } from '../report/results';
import { renderHtml } from '../report/html';
import { writeJunit } from '../report/junit';

export function writeReports(
  dir: string,
  results: RunResults,
  o: { baseline?: string; historyDir?: string } = {},
): void {
  writeResults(dir, results, o.baseline, o.historyDir ?? path.join(dir, 'history'));
  writeFileSync(path.join(dir, 'report.html'), renderHtml(results));
  writeJunit(results, path.join(dir, 'junit.xml'));
}
