/**
 * Recorded exchanges through the same checks as a live run. An exchange that shows the API
 * unavailable (a lone in-stream error event) says nothing against the recorded server's
 * conformance: it is kept as a warning.
 */
import { loadContract, type Contract } from '../contract/spec';
import { runChecks } from '../checks/registry';
import type { CaseResult } from '../suite/run-cases';
import { loadRecorded } from './load';
import { escapeControls } from '../report/escape';
import { displayPath } from '../report/repro';
import path from 'node:path';
import { areaCheckIds, CHECK_IDS, checkOutcomes, type AreaDef, type AreaOutcome } from '../suite/areas';
import { serializeArea } from '../report/serialize';
import { buildResults, type RunResults } from '../report/results';
import { escapeDeep } from '../report/escape';
import type { Check } from '../checks/failure';

export interface RecordedCheck {
  results: CaseResult[];
  /** Files that could not be read. */
  errors: Array<{ file: string; message: string }>;
}

export async function judgeRecorded(
  paths: string[],
  contract?: Contract,
  custom?: readonly Check[],
): Promise<RecordedCheck> {
  const c = contract ?? (await loadContract());
  const { exchanges, errors } = loadRecorded(paths, (method, pathname) => c.operationAt(method, pathname)?.id);
  const ctx = { contract: c, profile: 'full' as const, custom };
  return {
    results: exchanges.map((exchange) => ({
      exchange,
      failures: runChecks(ctx, exchange).map((f) =>
        f.category === 'nonconformance' ? f : { ...f, severity: 'warning' as const },
      ),
    })),
    errors,
  };
}

/** The files that could not be read, one line each with why ('' when every file was read). */
export function unreadableText(errors: RecordedCheck['errors']): string {
  if (!errors.length) return '';
  return escapeControls(
    [
      `${errors.length} file(s) could not be read; nothing was judged about them:`,
      ...errors.map((e) => `  ${displayPath(e.file)}: ${e.message}`),
    ].join('\n'),
  );
}

/** The recorded area: every check, on whatever exchanges the files hold. */
export const RECORDED_AREA: AreaDef = {
  id: 'recorded',
  title: 'Recorded exchanges',
  profiles: ['full'],
  group: 'messages',
  checks: CHECK_IDS,
  cases: () => [],
};

/** Checks recorded files into a run's results, as a live run has them (nothing is written). */
export async function recordedResults(
  paths: string[],
  o: { contract?: Contract; custom?: readonly Check[]; casesDir?: string } = {},
): Promise<RunResults> {
  const startedAt = new Date();
  const contract = o.contract ?? (await loadContract());
  const checked = await judgeRecorded(paths, contract, o.custom);
  const ctx = { contract, profile: 'full' as const, custom: o.custom };
  const outcome: AreaOutcome = {
    area: RECORDED_AREA,
    results: checked.results,
    checks: checkOutcomes(ctx, areaCheckIds(RECORDED_AREA, o.custom), checked.results),
    durationMs: Date.now() - startedAt.getTime(),
  };
  const record = {
    ...serializeArea(outcome, { apiKey: '', casesDir: o.casesDir }, 20),
    unreadable: escapeDeep(checked.errors.map((e) => ({ file: displayPath(e.file), message: e.message }))),
  };
  const info = {
    baseUrl: `recorded: ${paths.map((p) => path.basename(p)).join(', ')}`,
    embedded: false,
    recorded: true,
    profile: 'full',
    seed: 0,
    runs: 0,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
  return buildResults(info, contract, [record]);
}
