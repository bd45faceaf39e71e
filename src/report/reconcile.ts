/**
 * jest's verdict and ours must be one. An area's record is written by its beforeAll; if the harness
 * itself failed there (a bug of ours, a crash, a jest timeout), jest reports failing tests that no
 * record explains, and a summary built from records alone once said "0 failed" beside jest's "16
 * failed". Every jest failure that no record accounts for becomes a not-run check here, with jest's
 * first line as the reason.
 */
import path from 'node:path';
import type { AreaRecord, CheckRecord } from './serialize';
import { CHECK_META } from '../suite/areas';

/** The parts of jest's aggregated results this needs. */
export interface JestFileResult {
  testFilePath: string;
  failureMessage?: string | null;
  testExecError?: { message?: string } | null;
  testResults: Array<{ title: string; ancestorTitles: string[]; status: string; failureMessages: string[] }>;
}

const firstLine = (s: string | undefined | null) => (s ?? '').split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 300) ?? 'unknown error';

export function reconcile(records: AreaRecord[], files: JestFileResult[]): AreaRecord[] {
  const out = records.map((r) => ({ ...r, checks: [...r.checks] }));
  for (const file of files) {
    const id = path.basename(file.testFilePath).replace(/\.test\.[jt]s$/, '');
    let record = out.find((r) => r.id === id);
    const failed = file.testResults.filter((t) => t.status === 'failed');
    const crashed = file.testExecError ? firstLine(file.testExecError.message ?? file.failureMessage) : undefined;
    if (!failed.length && !crashed) continue;
    if (!record) {
      record = { id, title: failed[0]?.ancestorTitles[0] ?? id, notRun: `the harness failed: ${crashed ?? firstLine(failed[0]?.failureMessages[0])}`, usage: { inputTokens: 0, outputTokens: 0 }, durationMs: 0, exchanges: 0, requests: 0, checks: [], coverage: { sent: [], observed: [] } };
      out.push(record);
    }
    for (const t of failed) {
      const known = record.checks.find((c) => c.id === t.title);
      if (known && (known.status === 'failed' || known.status === 'not_run')) continue;
      const check: CheckRecord = {
        id: t.title,
        title: CHECK_META[t.title]?.title ?? t.title,
        source: CHECK_META[t.title]?.source ?? '',
        status: 'not_run',
        harnessError: true,
        reason: `the harness failed: ${firstLine(t.failureMessages[0])}`,
        ran: 0,
        durationMs: 0,
        failures: [],
        warnings: [],
        failingCases: [],
      };
      if (known) Object.assign(known, check);
      else record.checks.push(check);
    }
    if (crashed && !record.checks.length)
      record.checks.push({ id: 'harness', title: 'The test file did not run', source: '', status: 'not_run', harnessError: true, reason: `the harness failed: ${crashed}`, ran: 0, durationMs: 0, failures: [], warnings: [], failingCases: [] });
  }
  return out;
}
