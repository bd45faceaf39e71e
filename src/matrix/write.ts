/** Writes the matrix into a folder: matrix.html, matrix.md and matrix.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Matrix } from './matrix';
import { renderMatrixHtml, renderMatrixMarkdown } from './render';

export function writeMatrix(m: Matrix, dir: string): { html: string; md: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const files = {
    html: path.join(dir, 'matrix.html'),
    md: path.join(dir, 'matrix.md'),
    json: path.join(dir, 'matrix.json'),
  };
  writeFileSync(files.html, renderMatrixHtml(m));
  writeFileSync(files.md, renderMatrixMarkdown(m));
  writeFileSync(files.json, JSON.stringify(m, null, 1));
  return files;
}
