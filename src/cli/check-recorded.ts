/**
 * `npm run -s check:recorded -- PATH...`: checks recorded exchanges (our recorded format or HAR 1.2)
 * without calling any server: the same checks, failure messages and reports as a live run (jest's
 * recorded project). Exit code 0 if and only if every exchange conforms; an in-stream API error is
 * unavailability of the API at the time, kept as a warning, not a fault.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { reportsDir, runDir } from '../report/paths';
import type { RunResults } from '../report/results';
import { unreadableText } from '../recorded/check';
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
  rmSync(runDir(), { recursive: true, force: true });
  const results = path.join(reportsDir(), 'results.json');
  rmSync(results, { force: true });
  process.env.CONTRACT_STARTED_AT = new Date().toISOString();
  const code = await runJestProject('recorded', [], { CONTRACT_RECORDED: JSON.stringify(paths) });
  if (!existsSync(results)) return code || 1;
  // The last word of the run: which files were not read at all (the summary counts only checks).
  const r = JSON.parse(readFileSync(results, 'utf8')) as RunResults;
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
