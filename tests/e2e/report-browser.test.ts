/**
 * report.html as a person reads it, in a real browser (Debian's headless Chromium): against a
 * server with known faults, the page shows every failing check the results hold with its failures,
 * the verdict in words, and the page loads nothing from the network and logs no error. A screenshot
 * is kept (reports/screenshots/) as the run's artifact. Never skipped in CI (.ci/run installs chromium).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import { runConformance } from '../../src/engine/run-conformance';
import { BROKEN } from '../fixtures/servers/catalogue';
import { maySkipBrowser, withPage } from '../helpers/browser';
import { tempDir } from '../helpers/temp';

const KEY = 'browser-key-0123456789';
const SHOTS = path.resolve(__dirname, '../../reports/screenshots');

(maySkipBrowser() ? test.skip : test)('the report of a failing run: every failing check and its failures, no network, no console error', async () => {
  const fixture = BROKEN.find((f) => f.name === 'message-without-usage')!;
  const server = await startMock(await loadContract(), { apiKey: KEY, fault: fixture.fault });
  const reports = tempDir('report-browser-');
  let results;
  try {
    results = await runConformance({ baseURL: server.url, apiKey: KEY, runs: 3, reportsDir: reports, areas: ['examples', 'semantics'] });
  } finally {
    await server.close();
  }
  expect(results.totals.failed).toBeGreaterThan(0);
  const failing = results.areas.flatMap((a) => a.checks.filter((c) => c.status === 'failed').map((c) => c.id));
  mkdirSync(SHOTS, { recursive: true });
  await withPage(path.join(reports, 'report.html'), async (page, errors) => {
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/Messages API conformance report/);
    expect(text).not.toMatch(/conforms to the contract/);
    const headings = await page.locator('h3').allInnerTexts();
    for (const id of failing) expect(headings.some((h) => h.startsWith(id))).toBe(true);
    // Each failure is an open <details> a reader can fold: clicking its summary closes it.
    const first = page.locator('details.failure').first();
    expect(await first.getAttribute('open')).not.toBeNull();
    await first.locator('summary').click();
    expect(await first.getAttribute('open')).toBeNull();
    await page.screenshot({ path: path.join(SHOTS, 'report-failing.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
}, 120_000);
