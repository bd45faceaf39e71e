/**
 * Where a run's files go: CONTRACT_REPORTS_DIR, or reports/ at the repository root (config.ts reads
 * it). The contract CLI claims the folder (report/reports-dir.ts); a second run at once gets a
 * folder of its own.
 */
import { readSettings } from '../config';

export const reportsDir = () => readSettings().reportsDir;
