/**
 * report.html: one self-contained page (inline CSS, no scripts, no network). Summary first (target,
 * when, totals, what changed), then failures grouped by contract area with request, response and
 * the curl line, then skipped checks with their reasons, then spec coverage.
 */
import type { RunResults } from './results';
import type { FailureRecord } from './serialize';
import { escapeControls } from './escape';

/** HTML-escaped, and control characters shown as `\u001b` (server text is data, never markup or control). */
const esc = (s: unknown) => escapeControls(String(s ?? '')).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #d9dce1;padding-bottom:4px}
.meta{color:#555;margin-bottom:16px}.meta code{background:#eceef2;padding:1px 4px;border-radius:3px}
.totals{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.tile{background:#fff;border:1px solid #d9dce1;border-radius:8px;padding:10px 16px;min-width:110px}
.tile b{display:block;font-size:24px}.pass b{color:#1a7f37}.fail b{color:#cf222e}.skip b{color:#9a6700}.unav b{color:#8250df}
.verdict{font-size:16px;font-weight:600;padding:10px 14px;border-radius:8px;margin:8px 0}
.verdict.ok{background:#dafbe1;color:#1a7f37}.verdict.bad{background:#ffebe9;color:#cf222e}
.changes{background:#fff;border:1px solid #d9dce1;border-radius:8px;padding:10px 14px}
.changes li.new{color:#cf222e}.changes li.fixed{color:#1a7f37}
details.failure{background:#fff;border:1px solid #d9dce1;border-left:4px solid #cf222e;border-radius:6px;margin:8px 0;padding:8px 12px}
details.failure.unavailable{border-left-color:#8250df}details.failure.warning{border-left-color:#9a6700}
details summary{cursor:pointer;font-weight:600}
pre{background:#f0f2f5;padding:8px;border-radius:4px;overflow:auto;white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:6px 0}
.label{font-size:12px;color:#555;text-transform:uppercase;letter-spacing:.04em;margin-top:8px}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #d9dce1;padding:4px 8px;text-align:left;vertical-align:top}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#eceef2}.new-badge{background:#cf222e;color:#fff}
.cases{font:12px/1.5 ui-monospace,Menlo,Consolas,monospace;color:#333}
.unreadable{background:#fff;border:1px solid #d9dce1;border-left:4px solid #cf222e;border-radius:6px;padding:8px 12px}
.cov span{display:inline-block;margin:2px;padding:1px 6px;border-radius:4px;font:12px ui-monospace,monospace;background:#ffebe9}
`;

function failureHtml(f: FailureRecord, isNew: boolean): string {
  const cls = f.category !== 'nonconformance' ? 'unavailable' : f.severity === 'warning' ? 'warning' : '';
  return `<details class="failure ${cls}" open><summary>${esc(f.title)} ${isNew ? '<span class="badge new-badge">new</span> ' : ''}${f.category !== 'nonconformance' ? `<span class="badge">${esc(f.category)}</span> ` : ''}<span class="badge">${esc(f.case ?? '')}</span></summary>
<pre>${esc(f.detail)}</pre>
<div class="label">Rule</div><div>${esc(f.source)}</div>
${f.collapsed ? `<div>${esc(f.collapsed)}</div>` : ''}
${(f.cases ?? []).length > 1 ? `<div class="label">${f.cases.length} cases hit this</div><div class="cases">${f.cases.map(esc).join(', ')}</div>` : ''}
${f.caseDescription ? `<div class="label">Case</div><div>${esc(f.case)} — ${esc(f.caseDescription)}${f.seed !== undefined ? ` (CONTRACT_SEED=${esc(f.seed)}, fast-check path ${esc(f.fcPath)})` : ''}</div>` : ''}
${f.transcript?.length ? `<div class="label">Conversation so far</div><pre class="transcript">${f.transcript.map(esc).join('\n')}</pre>` : ''}
${f.request ? `<div class="label">Request</div><pre>POST ${esc(f.request.url)}\n${Object.entries(f.request.headers).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join('\n')}\n\n${esc(prettyBody(f.request.body))}</pre>` : ''}
${f.response ? `<div class="label">Response</div><pre>${esc(f.response)}</pre>` : ''}
${f.curl ? `<div class="label">Reproduce with</div><pre>${esc(f.curl)}</pre>` : ''}
</details>`;
}

/** The request body pretty-printed when it is JSON, capped so one long prompt does not swamp the page. */
function prettyBody(body: string): string {
  let text = body;
  try {
    text = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON (a malformed-body case): shown as sent.
  }
  return text.length > 3000 ? `${text.slice(0, 3000)}\n…` : text;
}

export function renderHtml(r: RunResults): string {
  const t = r.totals;
  const d = r.diff;
  const newSet = new Set((d?.newFailures ?? []).map((label) => label.split(':')[0]));
  const unreadable = r.areas.flatMap((a) => a.unreadable ?? []);
  const nothingChecked = Boolean(r.target.recorded) && t.exchanges === 0;
  const ok = t.failing === 0 && !unreadable.length && !nothingChecked;
  // Never "conforms" about what could not be read: the verdict names what is missing first.
  const verdict = ok
    ? 'The target conforms to the contract in every check that ran.'
    : [
        unreadable.length ? `${unreadable.length} file(s) could not be read, so nothing was judged about them.` : '',
        nothingChecked ? 'No exchange was checked.' : '',
        t.failed ? `The target departs from the contract in ${t.failed} check(s).` : '',
        t.unavailable ? `The target was unavailable (overloaded or down) in ${t.unavailable} check(s).` : '',
        t.notRun ? `${t.notRun} check(s) were not run: the run reached its time limit (CONTRACT_RUN_TIMEOUT_MS).` : '',
      ]
        .filter(Boolean)
        .join(' ');
  const unreadableHtml = unreadable.length
    ? `<h2>Files that could not be read</h2><div class="unreadable"><table><tr><th>File</th><th>Why</th></tr>${unreadable.map((u) => `<tr><td><code>${esc(u.file)}</code></td><td>${esc(u.message)}</td></tr>`).join('')}</table></div>`
    : '';
  const areas = r.areas
    .map((a) => {
      const failed = a.checks.filter((c) => c.status === 'failed');
      const notRun = a.checks.filter((c) => c.status === 'not_run');
      if (!failed.length && !notRun.length) return '';
      const body = failed
        .map((c) => `<h3>${esc(c.id)} <span class="badge">${esc(c.title)}</span></h3>${c.failures.map((f) => failureHtml(f, newSet.has(`${a.id} › ${f.checkId}`))).join('')}`)
        .join('');
      const notRunHtml = notRun.length ? `<p class="notrun"><b>Not run</b> (${notRun.map((c) => esc(c.id)).join(', ')}): ${esc(notRun[0]!.reason ?? '')}</p>` : '';
      return `<h2>${esc(a.title)}</h2>${notRunHtml}${body}`;
    })
    .join('');
  const skipped = r.areas.flatMap((a) => a.checks.filter((c) => c.status === 'skipped').map((c) => ({ area: a.title, ...c })));
  const skipReasons = new Map<string, string[]>();
  for (const s of skipped) skipReasons.set(`${s.area}: ${s.reason}`, [...(skipReasons.get(`${s.area}: ${s.reason}`) ?? []), s.id]);
  const changes = d?.baseline
    ? `<div class="changes"><b>Since the run of ${esc(d.baseline.startedAt)}:</b> ${d.newFailures.length} new, ${d.fixed.length} fixed, ${d.stillFailing.length} still failing, ${d.checksAdded.length} checks added, ${d.checksRemoved.length} removed.
<ul>${d.newFailures.map((x) => `<li class="new">new: ${esc(x)}</li>`).join('')}${d.fixed.map((x) => `<li class="fixed">fixed: ${esc(x)}</li>`).join('')}${d.checksAdded.map((x) => `<li>check added: ${esc(x)}</li>`).join('')}${d.checksRemoved.map((x) => `<li>check removed: ${esc(x)}</li>`).join('')}</ul></div>`
    : '<div class="changes">No earlier run on this target to compare with.</div>';
  const cov = (name: string, c: RunResults['coverage']['request']) =>
    `<p><b>${name}: ${c.percent}%</b> (${c.covered.length} of ${c.covered.length + c.uncovered.length})${c.uncovered.length ? `<div class="cov">Not covered: ${c.uncovered.map((u) => `<span>${esc(u)}</span>`).join('')}</div>` : ''}</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Messages API conformance — ${esc(r.target.label)}</title><style>${CSS}</style></head><body><main>
<h1>Messages API conformance report</h1>
<div class="meta">Target <code>${esc(r.target.label)}</code> · ${esc(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s · ${t.requests} requests · ${t.usage.inputTokens} input / ${t.usage.outputTokens} output tokens reported · profile <code>${esc(r.profile)}</code> · seed <code>${esc(r.seed)}</code> · spec ${esc(r.spec.version)} <code>${esc(r.spec.sha256.slice(0, 12))}</code></div>
<div class="verdict ${ok ? 'ok' : 'bad'}">${esc(verdict)}</div>
<div class="totals"><div class="tile pass"><b>${t.passed}</b>passed</div><div class="tile fail"><b>${t.failed}</b>non-conformance</div><div class="tile unav"><b>${t.unavailable}</b>unavailable</div><div class="tile unav"><b>${t.notRun}</b>not run</div><div class="tile skip"><b>${t.skipped}</b>skipped</div></div>
${unreadableHtml}
${changes}
${areas || '<h2>Failures</h2><p>None.</p>'}
<h2>Skipped checks</h2>${skipReasons.size ? `<table><tr><th>Why</th><th>Checks</th></tr>${[...skipReasons].map(([why, ids]) => `<tr><td>${esc(why)}</td><td>${ids.map(esc).join(', ')}</td></tr>`).join('')}</table>` : '<p>None.</p>'}
<h2>Spec coverage</h2>${cov('Request fields, enum values and block kinds sent', r.coverage.request)}${cov('Statuses, content blocks, events and deltas observed', r.coverage.response)}
</main></body></html>`;
}
