/**
 * `npm run report:screenshot [-- report.html out.png]`: renders the HTML report in headless Chromium
 * (Debian's `chromium` package) and keeps a screenshot, to check the page the way a person sees it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { reportsDir } from '../report/paths';

const [html = path.join(reportsDir(), 'report.html'), png = path.join(reportsDir(), 'report.png')] = process.argv.slice(2);
const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync('which', [b]).status === 0);
if (!browser) {
  console.error('no Chromium found: install Debian\'s "chromium" package (apt-get install chromium)');
  process.exit(2);
}
if (!existsSync(html)) {
  console.error(`${html} does not exist: run npm run contract first`);
  process.exit(2);
}
const r = spawnSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--screenshot=${path.resolve(png)}`, '--window-size=1280,2000', `file://${path.resolve(html)}`], { encoding: 'utf8', timeout: 60_000 });
if (r.status !== 0 || !existsSync(png)) {
  console.error(`chromium failed (exit ${r.status}): ${r.stderr}`);
  process.exit(1);
}
console.log(`screenshot of ${html} written to ${png}`);
