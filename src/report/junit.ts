/**
 * junit.xml from a run's results, written with junit-report-builder: one suite per area, one test
 * case per check (the names CI dashboards follow between runs). A check that did not pass carries
 * the same message the console and report.html show.
 */
import junit from 'junit-report-builder';
import type { RunResults } from './results';

export function writeJunit(results: RunResults, file: string): void {
  const report = junit.newBuilder();
  for (const area of results.areas) {
    const suite = report
      .testSuite()
      .name(area.title)
      .time(area.durationMs / 1000);
    if (area.unreadable?.length) {
      const c = suite.testCase().className(area.id).name('every file is a recorded exchange or a HAR file');
      c.failure(area.unreadable.map((u) => `${u.file}: ${u.message}`).join('\n'));
    }
    for (const check of area.checks) {
      const c = suite
        .testCase()
        .className(area.id)
        .name(check.id)
        .time(check.durationMs / 1000);
      if (check.status === 'skipped') c.skipped();
      // Not run is never a pass: a failure, so that JUnit's failures are the summary's failing checks.
      else if (check.status === 'not_run') c.failure(check.message ?? `not run: ${check.reason ?? ''}`, 'not_run');
      else if (check.status === 'failed')
        c.failure(
          check.message ?? check.title,
          check.failures.some((f) => f.category === 'nonconformance') ? 'nonconformance' : 'unavailable',
        );
      if (check.warnings.length)
        c.standardOutput(check.warnings.map((w) => `warning: ${w.title}: ${w.detail}`).join('\n'));
    }
  }
  report.writeTo(file);
}
