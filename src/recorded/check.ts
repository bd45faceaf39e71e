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

export interface RecordedCheck {
  results: CaseResult[];
  /** Files that could not be read. */
  errors: Array<{ file: string; message: string }>;
}

export async function checkRecorded(paths: string[]): Promise<RecordedCheck> {
  const contract = await loadContract();
  const { exchanges, errors } = loadRecorded(paths);
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
