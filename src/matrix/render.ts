/**
 * The matrix for people: a self-contained HTML page (no network, no script needed to read it; each
 * cell links to its findings below the table) and GitHub-flavoured Markdown for a README.
 */
import { escapeControls } from '../report/escape';
import { VERDICTS, type Cell, type Matrix } from './matrix';
import { IMPACT_WORDS } from '../checks/impact';

const esc = (s: unknown) =>
  escapeControls(String(s ?? '')).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const anchor = (row: string, col: number) => `f-${row.replace(/[^a-z0-9_-]/gi, '-')}-${col}`;
const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const day = (iso: string) => iso.slice(0, 10);

export function renderMatrixHtml(m: Matrix): string {
  const head = m.columns
    .map(
      (c) =>
        `<th scope="col"><div class="label">${esc(c.label)}</div><div class="meta">${esc(day(c.date))} · suite ${esc(c.suiteVersion)} · spec <code>${esc(c.specSha)}</code></div></th>`,
    )
    .join('');
  const body = m.rows
    .map((r) => {
      const cells = m.cells[r.id]!.map((cell, j) => {
        const v = VERDICTS[cell.verdict];
        const text = `<span class="sym" aria-hidden="true">${v.symbol}</span> ${esc(v.word)}`;
        const inner = cell.findings.length ? `<a href="#${anchor(r.id, j)}">${text}</a>` : text;
        return `<td class="v-${cell.verdict}" title="${esc(cell.reason)}" data-verdict="${cell.verdict}">${inner}</td>`;
      }).join('');
      return `<tr><th scope="row">${esc(r.title)}${r.kind === 'operation' ? ' <span class="kind">operation</span>' : ''}</th>${cells}</tr>`;
    })
    .join('\n');
  const findings = m.rows
    .flatMap((r) => m.cells[r.id]!.map((cell, j) => ({ r, cell, j })))
    .filter(({ cell }) => cell.findings.length)
    .map(({ r, cell, j }) => findingsHtml(anchor(r.id, j), `${m.columns[j]!.label} › ${r.title}`, cell))
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Anthropic Messages API support matrix</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d1f23}
table{border-collapse:collapse;margin:16px 0}th,td{border:1px solid #d8dbe0;padding:6px 10px;text-align:left;vertical-align:top}
thead th{background:#f3f4f7}.label{font-weight:600}.meta,.kind{font-size:12px;color:#555}
.v-supported{background:#e8f6ec}.v-refused{background:#fff5dc}.v-broken{background:#fde8e8}.v-not_applicable,.v-not_tested{background:#f3f4f7;color:#555}
.sym{font-weight:700}td a{color:inherit}pre{background:#f6f7f9;padding:8px;overflow:auto;white-space:pre-wrap}
section.findings{border-left:4px solid #c62828;padding-left:12px;margin:16px 0}section.findings:target{background:#fffbe6}
</style></head><body>
<h1>Anthropic Messages API support matrix</h1>
<p>Generated ${esc(m.generatedAt)}. Each cell is the verdict of every check the suite ran on that feature's requests: ${Object.values(
    VERDICTS,
  )
    .map((v) => `${v.symbol} ${v.word}`)
    .join(', ')}. A cell with findings links to them, each with a curl line to reproduce it.</p>
<table><thead><tr><th scope="col">Feature</th>${head}</tr></thead><tbody>
${body}
</tbody></table>
<h2>Findings</h2>
${findings || '<p>None.</p>'}
</body></html>
`;
}

function findingsHtml(id: string, title: string, cell: Cell): string {
  const items = cell.findings
    .map(
      (f) =>
        `<h4>${esc(f.check)}: ${esc(f.title)} <small>[${esc(IMPACT_WORDS[f.impact])}] (${esc(f.area)}; ${esc(f.cases.slice(0, 3).join(', '))})</small></h4><pre>${esc(f.detail)}</pre>${f.curl ? `<pre>${esc(f.curl)}</pre>` : ''}`,
    )
    .join('');
  return `<section class="findings" id="${id}"><h3>${esc(title)}: ${esc(VERDICTS[cell.verdict].word)}</h3><p>${esc(cell.reason)}</p>${items}</section>`;
}

export function renderMatrixMarkdown(m: Matrix): string {
  const header = `| Feature | ${m.columns.map((c) => mdCell(`${c.label} (${day(c.date)}, suite ${c.suiteVersion}, spec ${c.specSha})`)).join(' | ')} |`;
  const rule = `|---|${m.columns.map(() => '---').join('|')}|`;
  const rows = m.rows.map(
    (r) =>
      `| ${mdCell(r.title)} | ${m.cells[r.id]!.map((c) => `${VERDICTS[c.verdict].symbol} ${VERDICTS[c.verdict].word}`).join(' | ')} |`,
  );
  const broken = m.rows.flatMap((r) =>
    m.cells[r.id]!.flatMap((c, j) =>
      c.verdict === 'broken'
        ? [
            `- **${mdCell(m.columns[j]!.label)} › ${mdCell(r.title)}**: ${mdCell(c.reason)}${c.findings[0]?.curl ? `\n\n  \`\`\`sh\n  ${c.findings[0].curl.replace(/\n/g, '\n  ')}\n  \`\`\`` : ''}`,
          ]
        : [],
    ),
  );
  return [
    header,
    rule,
    ...rows,
    '',
    `Legend: ${Object.values(VERDICTS)
      .map((v) => `${v.symbol} ${v.word}`)
      .join(', ')}.`,
    ...(broken.length ? ['', 'Broken cells, each with the request that shows it:', '', ...broken] : []),
    '',
  ].join('\n');
}
