/**
 * `npm run -s check:recorded -- PATH...`: checks recorded exchanges (our recorded format or HAR 1.2)
 * without calling any server: the same checks, failure messages and reports as a live run (jest's
 * recorded project). Exit code 0 if and only if every exchange conforms; an in-stream API error is
 * unavailability of the API at the time, kept as a warning, not a fault.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, readSettings } from '../config';
import { recordedRun, unreadableText } from '../recorded/check';
import { summaryText } from '../report/summary';
import { claimReports } from '../report/reports-dir';
import { EXIT } from './exit-codes';
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
  // The reports folder is claimed as a contract run claims it: a run writing there keeps its files.
  let reports: ReturnType<typeof claimReports>;
  try {
    reports = claimReports(readSettings().reportsDir, `${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return EXIT.usage;
  }
  if (reports.note) console.error(reports.note);
  const dir = reports.dir;
  let r;
  let code;
  try {
    r = await recordedRun(paths, dir, new Date(), reports.historyDir);
    code = await runJestProject('recorded', [], path.join(dir, 'results.json'), dir);
  } finally {
    reports.release();
  }
  process.stderr.write(`\n${summaryText(r, dir)}\n`);
  // The last word of the run: which files were not read at all (the summary counts only checks).
  const unreadable = r.areas.flatMap((a) => a.unreadable ?? []);
  if (unreadable.length) {
    console.error(`\n${unreadableText(unreadable)}`);
    return code || 1;
  }
  if (!r.totals.exchanges) {
    console.error('\nNo exchange was checked: the paths hold no exchange with an operation of the spec (POST /v1/messages, count_tokens, models).');
    return code || 1;
  }
  return code;
}

main()
  // A crash of ours is the suite's failure (exit 5), never a verdict on the recorded server.
  .catch((e: unknown) => {
    console.error(`The suite failed: ${(e as Error)?.stack ?? String(e)}`);
    return EXIT.harness;
  })
  .then((code) => process.exit(code));
