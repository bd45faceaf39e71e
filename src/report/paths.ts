/**
 * Where a run's files go: CONTRACT_REPORTS_DIR, or reports/ at the repository root. The contract CLI
 * claims the folder (report/reports-dir.ts); a second run at once gets a folder of its own.
 */
import path from 'node:path';

export const reportsDir = () => path.resolve(process.env.CONTRACT_REPORTS_DIR || path.resolve(__dirname, '../../reports'));
