/**
 * The matrix as a gate: a cell that got worse since a baseline matrix (supported → refused or
 * broken, refused → broken) fails; cells that got better are reported too. Columns are matched by
 * label, rows by id; cells not tested or not applicable on either side are not compared.
 */
import type { Matrix, Verdict } from './matrix';

const RANK: Partial<Record<Verdict, number>> = { supported: 2, refused: 1, broken: 0 };

export interface CellChange {
  row: string;
  column: string;
  from: Verdict;
  to: Verdict;
}

export function compareMatrices(before: Matrix, after: Matrix): { worse: CellChange[]; better: CellChange[] } {
  const worse: CellChange[] = [];
  const better: CellChange[] = [];
  after.columns.forEach((col, j) => {
    const i = before.columns.findIndex((c) => c.label === col.label);
    if (i < 0) return;
    for (const row of after.rows) {
      const from = before.cells[row.id]?.[i]?.verdict;
      const to = after.cells[row.id]![j]!.verdict;
      if (!from || RANK[from] === undefined || RANK[to] === undefined || from === to) continue;
      (RANK[to]! < RANK[from]! ? worse : better).push({ row: row.title, column: col.label, from, to });
    }
  });
  return { worse, better };
}

export const changeText = (c: CellChange) => `${c.column} › ${c.row}: ${c.from} → ${c.to}`;
