/**
 * The contract run's own jest reporter: after the run it assembles results.json (with the diff
 * against the previous run), report.html and the history copy from the areas' records, and prints
 * the summary. JUnit XML comes from jest-junit, configured by the contract CLI.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../contract/spec';
import { readConfig } from '../config';
import { registerSecrets } from '../http/redact';
import { buildResults, readAreas, writeResults } from './results';
import { renderHtml } from './html';
import { reportsDir, runDir } from './paths';
import { summaryText } from './summary';

export default class ContractReporter {
  async onRunComplete(): Promise<void> {
    if (!existsSync(runDir())) return;
    const config = readConfig();
    registerSecrets([config.apiKey, ...Object.values(config.customHeaders)]);
    const areas = readAreas(runDir());
    const startedAt = process.env.CONTRACT_STARTED_AT ?? new Date().toISOString();
    const results = buildResults(
      { baseUrl: config.baseUrl, embedded: config.embedded, profile: config.profile, seed: config.seed, runs: config.runs, startedAt, durationMs: Date.now() - Date.parse(startedAt) },
      await loadContract(),
      areas,
    );
    writeResults(reportsDir(), results, process.env.CONTRACT_BASELINE || undefined);
    writeFileSync(path.join(reportsDir(), 'report.html'), renderHtml(results));
    process.stderr.write(`\n${summaryText(results)}\n`);
  }
}
