/**
 * The pages people read, in a real browser (Debian's headless Chromium): report.html against a
 * server with known faults shows every failing check the results hold with its failures; the
 * support matrix shows the cells its JSON holds and opens a cell's findings. Neither page loads
 * anything from the network or logs an error. Screenshots are kept (reports/screenshots/) as
 * artifacts. Never skipped in CI (.ci/run installs chromium).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import { runConformance } from '../../src/engine/run-conformance';
import { BROKEN } from '../fixtures/servers/catalogue';
import { buildMatrix } from '../../src/matrix/matrix';
import { writeMatrix } from '../../src/matrix/write';
import { maySkipBrowser, withPage } from '../helpers/browser';
import { tempDir } from '../helpers/temp';

const KEY = 'browser-key-0123456789';
const SHOTS = path.resolve(__dirname, '../../reports/screenshots');

(maySkipBrowser() ? test.skip : test)(
  'the report of a failing run: every failing check and its failures, no network, no console error',
  async () => {
    const fixture = BROKEN.find((f) => f.name === 'message-without-usage')!;
    const server = await startMock(await loadContract(), { apiKey: KEY, fault: fixture.fault });
    const reports = tempDir('report-browser-');
    let results;
    try {
      results = await runConformance({
        baseURL: server.url,
        apiKey: KEY,
        runs: 3,
        reportsDir: reports,
        areas: ['examples', 'semantics'],
      });
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
      // One block per cause, its summary naming the check.
      const summaries = await page.locator('details.failure > summary').allInnerTexts();
      for (const id of failing)
        expect({ id, shown: summaries.some((h) => h.includes(id)) }).toEqual({ id, shown: true });
      // Each failure is an open <details> a reader can fold: clicking its summary closes it.
      const first = page.locator('details.failure').first();
      expect(await first.getAttribute('open')).not.toBeNull();
      await first.locator('summary').click();
      expect(await first.getAttribute('open')).toBeNull();
      await page.screenshot({ path: path.join(SHOTS, 'report-failing.png'), fullPage: true });
      expect(errors).toEqual([]);
    });
  },
  120_000,
);

(maySkipBrowser() ? test.skip : test)(
  'the support matrix: the cells the JSON says, a broken cell opens its findings, no console error',
  async () => {
    const faithful = await startMock(await loadContract(), { apiKey: KEY });
    const broken = await startMock(await loadContract(), {
      apiKey: KEY,
      fault: BROKEN.find((f) => f.name === 'message-without-usage')!.fault,
    });
    const runs = [];
    try {
      for (const [label, s] of [
        ['faithful', faithful],
        ['broken', broken],
      ] as const)
        runs.push({
          label,
          results: await runConformance({ baseURL: s.url, apiKey: KEY, runs: 3, areas: ['examples', 'count-tokens'] }),
        });
    } finally {
      await Promise.all([faithful.close(), broken.close()]);
    }
    const m = buildMatrix(runs);
    const dir = tempDir('matrix-browser-');
    const files = writeMatrix(m, dir);
    mkdirSync(SHOTS, { recursive: true });
    await withPage(files.html, async (page, errors) => {
      const shown = await page
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.getAttribute('data-verdict'))),
        );
      expect(shown).toEqual(m.rows.map((r) => m.cells[r.id]!.map((c) => c.verdict)));
      // Words and symbols, not colour alone.
      expect(await page.locator('td[data-verdict="broken"]').first().innerText()).toMatch(/✗ broken/);
      const link = page.locator('td[data-verdict="broken"] a').first();
      const target = (await link.getAttribute('href'))!;
      await link.click();
      expect(page.url()).toContain(target);
      const section = page.locator(target);
      expect(await section.isVisible()).toBe(true);
      expect(await section.innerText()).toMatch(/curl /);
      await page.screenshot({ path: path.join(SHOTS, 'matrix.png'), fullPage: true });
      expect(errors).toEqual([]);
    });
  },
  120_000,
);
