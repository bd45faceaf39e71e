/**
 * Claims a reports folder for one run. Two runs started at once from one checkout (two targets, a
 * CI matrix on one runner) must never mix their files: the first run takes the folder with a lock
 * file; a run that finds it held by a live process writes to a folder of its own inside it
 * (`parallel/<run id>/`) and says so. The previous run's report files are removed before the run
 * starts, so what CI publishes is this run's or nothing. History stays shared: it is what the
 * regression diff compares with.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

/** The files a run writes at the top of its folder (history/ is kept). */
const REPORT_FILES = ['results.json', 'report.html', 'junit.xml', 'cases'];

export interface ClaimedReports {
  dir: string;
  historyDir: string;
  /** Set when another run holds the folder asked for. */
  note?: string;
  release(): void;
}

/**
 * Creates a folder and its missing parents one level at a time. (`mkdirSync(…, {recursive: true})`
 * never returns for some paths, such as /proc/x on Linux; this fails at once with the reason.)
 */
export function makeDirs(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new ConfigError(`CONTRACT_REPORTS_DIR: ${dir} is not a folder`);
    return;
  }
  const parent = path.dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
}

export function claimReports(requested: string, runId: string): ClaimedReports {
  const fail = (e: unknown): never => {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(
      `CONTRACT_REPORTS_DIR: cannot write reports to ${requested}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  };
  let lock: string | undefined;
  try {
    makeDirs(requested);
    lock = takeLock(path.join(requested, '.lock'));
  } catch (e) {
    fail(e);
  }
  const dir = lock ? requested : path.join(requested, 'parallel', runId);
  try {
    makeDirs(dir);
    for (const f of REPORT_FILES) rmSync(path.join(dir, f), { recursive: true, force: true });
  } catch (e) {
    fail(e);
  }
  return {
    dir,
    historyDir: path.join(requested, 'history'),
    note: lock ? undefined : `another run is writing to ${requested}; this run's reports go to ${dir}`,
    release() {
      if (!lock) return;
      try {
        if (readFileSync(lock, 'utf8') === String(process.pid)) unlinkSync(lock);
      } catch {
        // Already gone.
      }
    },
  };
}

/**
 * Takes the lock file (our pid in it), replacing one left by a process that no longer runs;
 * undefined when a live run holds it. The file appears whole (written aside, then hard-linked into
 * place), so another run never reads it half-written and mistakes it for a stale one.
 */
function takeLock(file: string): string | undefined {
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    for (let tries = 0; tries < 2; tries++) {
      try {
        linkSync(mine, file);
        return file;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        if (isAlive(Number(readFileSync(file, 'utf8')))) return undefined;
        rmSync(file, { force: true });
      }
    }
    return undefined;
  } finally {
    rmSync(mine, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
