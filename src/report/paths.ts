/**
 * Where a run's files go: CONTRACT_REPORTS_DIR, or reports/ at the repository root. The contract CLI
 * claims the folder (report/reports-dir.ts) and hands its choice to jest in these variables, so that
 * every process of one run writes to the same place and no two runs share a scratch folder.
 */
import path from 'node:path';

export const reportsDir = () => path.resolve(process.env.CONTRACT_REPORTS_DIR || path.resolve(__dirname, '../../reports'));
/** Earlier runs' results.json, for the regression diff (shared by parallel runs of one folder). */
export const historyDir = () => path.resolve(process.env.CONTRACT_HISTORY_DIR || path.join(reportsDir(), 'history'));
/** Per-area outcomes of the run in progress, read by the reporter: one folder per run. */
export const runDir = () => path.join(reportsDir(), '.run', process.env.CONTRACT_RUN_ID || 'direct');
