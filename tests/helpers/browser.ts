/**
 * A real browser for the pages people read (report.html, the matrix): Debian's headless Chromium
 * driven by playwright-core. `.ci/run` installs the `chromium` package when it is missing; in CI
 * (CI=true) a missing browser fails the test that needs it, it is never skipped there.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser's path, or undefined when none is installed. */
export const chromiumPath = (): string | undefined => CANDIDATES.find((p) => existsSync(p));

/** True where a browser test may be skipped: no browser, and not in CI. */
export const maySkipBrowser = (): boolean => !chromiumPath() && process.env.CI !== 'true';

export async function withPage<T>(file: string, use: (page: Page, errors: string[]) => Promise<T>): Promise<T> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error(
      'no Chromium: install Debian\'s "chromium" package (apt-get install chromium), as CI does before the tests',
    );
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    // Self-contained pages: any request off the file is an error to report.
    page.on(
      'request',
      (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && errors.push(`network request: ${r.url()}`),
    );
    await page.goto(`file://${path.resolve(file)}`);
    return await use(page, errors);
  } finally {
    await browser?.close();
  }
}

export async function screenshot(html: string, png: string): Promise<void> {
  await withPage(html, async (page) => {
    await page.screenshot({ path: path.resolve(png), fullPage: true });
  });
}
