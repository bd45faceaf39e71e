/**
 * `npm run -s check:recorded -- PATH...`: checks recorded exchanges (our recorded format or HAR 1.2)
 * without calling any server: the same checks, failure messages and reports as a live run (jest's
 * recorded project). Exit code 0 if and only if every exchange conforms; an in-stream API error is
 * unavailability of the API at the time, kept as a warning, not a fault.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { reportsDir } from '../report/paths';
import { recordedRun, unreadableText } from '../recorded/check';
import { summaryText } from '../report/summary';
import { REPORT_FILES } from '../report/reports-dir';
import { runJestProject } from './jest';

async function main(): Promise<number> {
  const paths = process.argv.slice(2).map((p) => path.resolve(p));
  if (!paths.length) {
    console.error('usage: npm run -s check:recorded -- PATH... (recorded-exchange JSON files, HAR files, or folders of them)');
    return 2;
  }
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) {
    console.error(`no such file or folder: ${missing.join(', ')}`);
    return 2;
  }
  const dir = reportsDir();
  for (const f of REPORT_FILES) rmSync(path.join(dir, f), { recursive: true, force: true });
  const r = await recordedRun(paths, dir, new Date());
  const code = await runJestProject('recorded', [], path.join(dir, 'results.json'), dir);
  process.stderr.write(`\n${summaryText(r, dir)}\n`);
  // The last word of the run: which files were not read at all (the summary counts only checks).
  const unreadable = r.areas.flatMap((a) => a.unreadable ?? []);
  if (unreadable.length) {
    console.error(`\n${unreadableText(unreadable)}`);
    return code || 1;
  }
  if (!r.totals.exchanges) {
    console.error('\nNo exchange was checked: the paths hold no POST /v1/messages exchange.');
    return code || 1;
  }
  return code;
}

main().then((code) => process.exit(code));
