/** Where a run's files go: CONTRACT_REPORTS_DIR, or reports/ at the repository root. */
import path from 'node:path';

export const reportsDir = () => path.resolve(process.env.CONTRACT_REPORTS_DIR || path.resolve(__dirname, '../../reports'));
/** Per-area outcomes of the run in progress, read by the reporter. */
export const runDir = () => path.join(reportsDir(), '.run');
