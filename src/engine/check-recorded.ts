/**
 * The offline run: recorded exchanges (our recorded format or HAR 1.2) through the same checks,
 * failure messages and reports as a live run, without calling any server. It passes if and only
 * if every exchange conforms, every file was read, and there was something to check. An in-stream
 * API error is unavailability of the API at the time, kept as a warning, not a fault.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';
import type { Check } from '../checks/failure';
import type { Contract } from '../contract/spec';
import { recordedResults, unreadableText } from '../recorded/check';
import { claimReports } from '../report/reports-dir';
import { writeReports } from './write-reports';
import { EXIT, exitCodeOf } from './exit-codes';
import type { ConformanceResults } from './run-conformance';

export interface CheckRecordedOptions {
  /** Where results.json, report.html and junit.xml go; unset: no files are written. */
  reportsDir?: string;
  checks?: Check[];
  contract?: Contract;
}

export async function checkRecorded(paths: string[], options: CheckRecordedOptions = {}): Promise<ConformanceResults> {
  if (!paths.length)
    throw new ConfigError('checkRecorded: give recorded-exchange JSON files, HAR files, or folders of them');
  const files = paths.map((p) => path.resolve(p));
  const missing = files.filter((p) => !existsSync(p));
  if (missing.length) throw new ConfigError(`no such file or folder: ${missing.join(', ')}`);
  // The reports folder is claimed as a live run claims it: a run writing there keeps its files.
  const reports = options.reportsDir
    ? claimReports(options.reportsDir, `${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`)
    : undefined;
  try {
    const results = await recordedResults(files, {
      contract: options.contract,
      custom: options.checks,
      casesDir: reports && path.join(reports.dir, 'cases'),
    });
    if (reports) writeReports(reports.dir, results, { historyDir: reports.historyDir });
    const notes = reports?.note ? [reports.note] : [];
    // What was not judged at all fails the run too: the checks alone would count it as nothing.
    const unreadable = results.areas.flatMap((a) => a.unreadable ?? []);
    if (unreadable.length) notes.push(unreadableText(unreadable));
    if (!results.totals.exchanges)
      notes.push(
        'No exchange was checked: the paths hold no exchange with an operation of the spec (POST /v1/messages, count_tokens, models).',
      );
    const code = exitCodeOf(results.totals);
    return {
      ...results,
      exitCode: code || (unreadable.length || !results.totals.exchanges ? EXIT.nonconformant : code),
      reportsDir: reports?.dir,
      notes,
    };
  } finally {
    reports?.release();
  }
}
