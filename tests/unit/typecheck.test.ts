/** jest (swc) strips types without checking them: the type check runs here so that CI sees it. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

test('the code type-checks (tsc --noEmit)', () => {
  const root = path.resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { cwd: root, encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);
