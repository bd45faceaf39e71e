/**
 * The contract run's own jest reporter: after the run it assembles results.json (with the diff
 * against the previous run), report.html and the history copy from the areas' records, and prints
 * the summary. JUnit XML comes from jest-junit, configured by the contract CLI.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../contract/spec';
import { readConfig } from '../config';
import { registerRunSecrets } from '../http/redact';
import { buildResults, readAreas, writeResults, type RunInfo } from './results';
import { renderHtml } from './html';
import { historyDir, reportsDir, runDir } from './paths';
import { reconcile, type JestFileResult } from './reconcile';
import { summaryText } from './summary';

export default class ContractReporter {
  async onRunComplete(_contexts: unknown, aggregated: { testResults: JestFileResult[] }): Promise<void> {
    const records = reconcile(existsSync(runDir()) ? readAreas(runDir()) : [], aggregated.testResults);
    if (!records.length) return;
    const startedAt = process.env.CONTRACT_STARTED_AT ?? new Date().toISOString();
    const durationMs = Date.now() - Date.parse(startedAt);
    let info: RunInfo;
    if (process.env.CONTRACT_RECORDED) {
      const paths = JSON.parse(process.env.CONTRACT_RECORDED) as string[];
      info = { baseUrl: `recorded: ${paths.map((p) => path.basename(p)).join(', ')}`, embedded: false, recorded: true, profile: 'full', seed: 0, runs: 0, startedAt, durationMs };
    } else {
      const config = readConfig();
      registerRunSecrets(config);
      info = { baseUrl: config.baseUrl, embedded: config.embedded, profile: config.profile, seed: config.seed, runs: config.runs, startedAt, durationMs };
    }
    const results = buildResults(info, await loadContract(), records);
    writeResults(reportsDir(), results, process.env.CONTRACT_BASELINE || undefined, historyDir());
    writeFileSync(path.join(reportsDir(), 'report.html'), renderHtml(results));
    process.stderr.write(`\n${summaryText(results)}\n`);
    rmSync(runDir(), { recursive: true, force: true });
  }
}
