/**
 * Recorded exchanges through the same checks as a live run. An exchange that shows the API
 * unavailable (a lone in-stream error event) says nothing against the recorded server's
 * conformance: it is kept as a warning.
 */
import { loadContract } from '../contract/spec';
import { runChecks } from '../checks/registry';
import type { CaseResult } from '../suite/run-cases';
import { loadRecorded } from './load';
import { escapeControls } from '../report/escape';
import { displayPath } from '../report/repro';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHECK_IDS, checkOutcomes, type AreaDef, type AreaOutcome } from '../suite/areas';
import { serializeArea } from '../report/serialize';
import { buildResults, writeResults, type RunResults } from '../report/results';
import { renderHtml } from '../report/html';
import { escapeDeep } from '../report/escape';
import { makeDirs } from '../report/reports-dir';

export interface RecordedCheck {
  results: CaseResult[];
  /** Files that could not be read. */
  errors: Array<{ file: string; message: string }>;
}

export async function checkRecorded(paths: string[]): Promise<RecordedCheck> {
  const contract = await loadContract();
  const { exchanges, errors } = loadRecorded(paths, (method, pathname) => contract.operationAt(method, pathname)?.id);
  const ctx = { contract, profile: 'full' as const };
  return {
    results: exchanges.map((exchange) => ({
      exchange,
      failures: runChecks(ctx, exchange).map((f) => (f.category === 'nonconformance' ? f : { ...f, severity: 'warning' as const })),
    })),
    errors,
  };
}

/** The files that could not be read, one line each with why ('' when every file was read). */
export function unreadableText(errors: RecordedCheck['errors']): string {
  if (!errors.length) return '';
  return escapeControls([`${errors.length} file(s) could not be read; nothing was judged about them:`, ...errors.map((e) => `  ${displayPath(e.file)}: ${e.message}`)].join('\n'));
}

/** The recorded area: every check, on whatever exchanges the files hold. */
export const RECORDED_AREA: AreaDef = { id: 'recorded', title: 'Recorded exchanges', profiles: ['full'], group: 'messages', checks: CHECK_IDS, cases: () => [] };

/** Checks recorded files and writes results.json and report.html for them, as a live run does. */
export async function recordedRun(paths: string[], reportsDir: string, startedAt: Date, historyDir = path.join(reportsDir, 'history')): Promise<RunResults> {
  const checked = await checkRecorded(paths);
  const contract = await loadContract();
  const outcome: AreaOutcome = { area: RECORDED_AREA, results: checked.results, checks: checkOutcomes({ contract, profile: 'full' }, RECORDED_AREA.checks, checked.results), durationMs: Date.now() - startedAt.getTime() };
  const record = { ...serializeArea(outcome, { apiKey: '', casesDir: path.join(reportsDir, 'cases') }, 20), unreadable: escapeDeep(checked.errors.map((e) => ({ file: displayPath(e.file), message: e.message }))) };
  const info = { baseUrl: `recorded: ${paths.map((p) => path.basename(p)).join(', ')}`, embedded: false, recorded: true, profile: 'full', seed: 0, runs: 0, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime() };
  const results = buildResults(info, contract, [record]);
  makeDirs(reportsDir);
  writeResults(reportsDir, results, undefined, historyDir);
  writeFileSync(path.join(reportsDir, 'report.html'), renderHtml(results));
  return results;
}
