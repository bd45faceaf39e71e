/**
 * `npm run report:screenshot [-- report.html out.png]`: renders a page in headless Chromium
 * (Debian's `chromium` package) and keeps a screenshot, to look at the page the way a person sees it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { screenshot } from '../helpers/browser';

const dir = path.resolve(process.env.CONTRACT_REPORTS_DIR || 'reports');
const [html = path.join(dir, 'report.html'), png = path.join(dir, 'report.png')] = process.argv.slice(2);
if (!existsSync(html)) {
  console.error(`${html} does not exist: run npm run contract first`);
  process.exit(2);
}
screenshot(html, png)
  .then(() => console.log(`screenshot of ${html} written to ${png}`))
  .catch((e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  });
