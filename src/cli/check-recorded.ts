/**
 * `npm run -s check:recorded -- PATH...`: checks recorded exchanges (our recorded format or HAR 1.2)
 * without calling any server: the same checks, failure messages and reports as a live run (jest's
 * recorded project). Exit code 0 if and only if every exchange conforms; an in-stream API error is
 * unavailability of the API at the time, kept as a warning, not a fault.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { reportsDir, runDir } from '../report/paths';
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
  return existsSync(results) ? code : code || 1;
}

main().then((code) => process.exit(code));
