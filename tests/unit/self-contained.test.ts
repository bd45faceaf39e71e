/**
 * The repository stands on its own: no tracked file reads or cites a folder beside the checkout
 * (a user who clones it has nothing there). Rules cite public sources instead — docs pages, SDK
 * source files, or the recorded fixtures in tests/fixtures/recorded/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
// Built from parts so that this file does not match itself.
const OUTSIDE = ['..', 'shared'].join('/');

test(`no tracked file mentions ${OUTSIDE}`, () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  expect(files.length).toBeGreaterThan(100);
  const offending = files.filter((f) => {
    const full = path.join(ROOT, f);
    return statSync(full, { throwIfNoEntry: false })?.isFile() && readFileSync(full, 'latin1').includes(OUTSIDE);
  });
  expect(offending).toEqual([]);
});
