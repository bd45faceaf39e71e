/**
 * `npm run contract [-- jest args]`: runs the conformance suite (jest's contract project), then
 * decides the exit code: any failure fails the run, or with CONTRACT_FAIL_ON=new only failures that
 * are new since the previous run (a drift gate for a server with known, accepted deviations).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { reportsDir } from '../report/paths';
import type { RunResults } from '../report/results';
import { runJestProject } from './jest';

async function main(): Promise<number> {
  const failOn = process.env.CONTRACT_FAIL_ON || 'any';
  if (failOn !== 'any' && failOn !== 'new') {
    console.error(`CONTRACT_FAIL_ON must be "any" or "new", got ${JSON.stringify(failOn)}`);
    return 2;
  }
  const results = path.join(reportsDir(), 'results.json');
  rmSync(results, { force: true });
  const code = await runJestProject('contract', process.argv.slice(2));
  if (!existsSync(results)) return code || 1;
  if (failOn === 'new') {
    const r = JSON.parse(readFileSync(results, 'utf8')) as RunResults;
    if (!r.diff?.baseline) {
      // Nothing to compare with: every failure is new.
      console.error('CONTRACT_FAIL_ON=new: no earlier run on this target, so every failure counts.');
      return code;
    }
    const fresh = r.diff?.newFailures ?? [];
    const unavailable = r.totals.unavailable;
    console.error(`CONTRACT_FAIL_ON=new: ${fresh.length} new failure(s)${unavailable ? `, target unavailable in ${unavailable} check(s)` : ''}.`);
    return fresh.length || unavailable ? 1 : 0;
  }
  return code;
}

main().then((code) => process.exit(code));
