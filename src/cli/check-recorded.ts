/**
 * `npm run -s check:recorded -- PATH...`: checks recorded exchanges (our recorded format or HAR)
 * without calling any server: the same checks, messages and reports as a live run. Exit code 0 if and
 * only if every exchange conforms (an in-stream API error counts as unavailability, not a fault).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../contract/spec';
import { runChecks } from '../checks/registry';
import { checkOutcomes, CHECK_IDS, type AreaDef } from '../suite/areas';
import { formatFailure } from '../report/format';
import { serializeArea } from '../report/serialize';
import { buildResults, writeResults } from '../report/results';
import { renderHtml } from '../report/html';
import { reportsDir } from '../report/paths';
import { summaryText } from '../report/summary';
import { loadRecorded } from '../recorded/load';
import type { CaseResult } from '../suite/run-cases';

export async function checkRecorded(paths: string[]): Promise<{ results: CaseResult[]; errors: Array<{ file: string; message: string }> }> {
  const contract = await loadContract();
  const { exchanges, errors } = loadRecorded(paths);
  const ctx = { contract, profile: 'full' as const };
  return { results: exchanges.map((exchange) => ({ exchange, failures: runChecks(ctx, exchange) })), errors };
}

async function main(): Promise<number> {
  const paths = process.argv.slice(2);
  if (!paths.length) {
    console.error('usage: npm run -s check:recorded -- PATH... (recorded-exchange JSON files, HAR files, or folders of them)');
    return 2;
  }
  const started = new Date();
  const { results, errors } = await checkRecorded(paths);
  for (const e of errors) console.error(`cannot read ${e.file}: ${e.message}`);
  let nonconforming = 0;
  let unavailable = 0;
  for (const r of results) {
    const real = r.failures.filter((f) => f.severity === 'error');
    if (!real.length) continue;
    if (real.some((f) => f.category === 'nonconformance')) nonconforming += 1;
    else unavailable += 1;
    console.log(`\n${r.exchange.case.name}\n${real.map((f) => formatFailure(f, { apiKey: '' })).join('\n')}`);
  }
  const area: AreaDef = { id: 'recorded', title: 'Recorded exchanges', profiles: ['full'], checks: CHECK_IDS, cases: () => [] };
  const contract = await loadContract();
  const record = serializeArea({ area, results, checks: checkOutcomes({ contract, profile: 'full' }, CHECK_IDS, results), durationMs: Date.now() - started.getTime() }, '');
  record.requests = 0;
  const dir = reportsDir();
  mkdirSync(dir, { recursive: true });
  const summary = buildResults({ baseUrl: `recorded:${paths.map((p) => path.basename(p)).join(',')}`, embedded: false, profile: 'full', seed: 0, runs: 0, startedAt: started.toISOString(), durationMs: Date.now() - started.getTime() }, contract, [record]);
  writeResults(dir, summary, process.env.CONTRACT_BASELINE || undefined);
  writeFileSync(path.join(dir, 'report.html'), renderHtml(summary));
  console.log(`\n${results.length} exchanges checked: ${results.length - nonconforming - unavailable} conform, ${nonconforming} do not, ${unavailable} show the target unavailable.`);
  console.error(summaryText(summary));
  return nonconforming || errors.length ? 1 : 0;
}

if (require.main === module) main().then((code) => process.exit(code), (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
