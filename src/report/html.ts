/**
 * report.html: one self-contained page (inline CSS, no scripts, no network). Summary first (target,
 * when, totals, what changed), then the failures, one per cause across the run (causes.ts) with the
 * areas and cases it was seen in, its request, response and curl line, then the warnings grouped by
 * check, then skipped checks with their reasons, then spec coverage.
 */
import type { RunResults } from './results';
import type { FailureRecord } from './serialize';
import { escapeControls } from './escape';
import type { RunTiming } from './timing';
import { impactText } from './summary';
import { IMPACT_ORDER, IMPACT_WORDS } from '../checks/impact';
import { gatherCauses, warningsByCheck, type Cause } from './causes';
import { seenIn } from './findings';
import type { FeatureResult } from '../features/verdicts';
import { VERDICT_TEXT } from './features';

/** HTML-escaped, and control characters shown as `\u001b` (server text is data, never markup or control). */
const esc = (s: unknown) =>
  escapeControls(String(s ?? '')).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

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
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#eceef2}.new-badge{background:#cf222e;color:#fff}.impact-breaks_clients{background:#fde8e8;color:#8a1c1c}.impact-deviates{background:#fff5dc;color:#6b4a00}
.cases{font:12px/1.5 ui-monospace,Menlo,Consolas,monospace;color:#333}
.unreadable{background:#fff;border:1px solid #d9dce1;border-left:4px solid #cf222e;border-radius:6px;padding:8px 12px}
.feat td.supported{color:#1a7f37}.feat td.broken{color:#cf222e;font-weight:600}.feat td.refused{color:#9a6700}.feat td.not_applicable,.feat td.not_tested{color:#555}
.cov span{display:inline-block;margin:2px;padding:1px 6px;border-radius:4px;font:12px ui-monospace,monospace;background:#ffebe9}
`;

function failureHtml(f: FailureRecord, isNew: boolean, cause?: Cause): string {
  const cls = f.category !== 'nonconformance' ? 'unavailable' : f.severity === 'warning' ? 'warning' : '';
  const cases = cause?.cases ?? f.cases ?? [];
  return `<details class="failure ${cls}" ${f.severity === 'warning' ? '' : 'open'}><summary>${esc(f.title)} <span class="badge">${esc(f.checkId)}</span> <span class="badge impact-${f.impact}">${esc(IMPACT_WORDS[f.impact] ?? '')}</span> ${isNew ? '<span class="badge new-badge">new</span> ' : ''}${f.category !== 'nonconformance' ? `<span class="badge">${esc(f.category)}</span> ` : ''}<span class="badge">${esc(f.case ?? '')}</span></summary>
${cause ? `<div class="label">Seen</div><div>${esc(seenIn(cause))}</div>` : ''}
<pre>${esc(f.detail)}</pre>
<div class="label">Rule</div><div>${esc(f.source)}</div>
${f.collapsed ? `<div>${esc(f.collapsed)}</div>` : ''}
${cases.length > 1 ? `<div class="label">${cases.length} cases hit this</div><div class="cases">${cases.map(esc).join(', ')}</div>` : ''}
${f.caseDescription ? `<div class="label">Case</div><div>${esc(f.case)} — ${esc(f.caseDescription)}${f.seed !== undefined ? ` (CONTRACT_SEED=${esc(f.seed)}, fast-check path ${esc(f.fcPath)})` : ''}</div>` : ''}
${f.transcript?.length ? `<div class="label">Conversation so far</div><pre class="transcript">${f.transcript.map(esc).join('\n')}</pre>` : ''}
${
  f.request
    ? `<div class="label">Request</div><pre>POST ${esc(f.request.url)}\n${Object.entries(f.request.headers)
        .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
        .join('\n')}\n\n${esc(prettyBody(f.request.body))}</pre>`
    : ''
}
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

/** How the streams arrived: a few figures, and the streams that came all at once. */
function timingHtml(t: RunTiming | undefined, recorded: boolean): string {
  if (!t) return '';
  if (!t.streams)
    return `<h2>Stream timing</h2><p>No stream was timed${recorded ? ' (recorded traffic carries no arrival times)' : ''}.</p>`;
  const ms = (n: number | undefined | null) => (n === undefined || n === null ? '—' : `${n} ms`);
  const rows: Array<[string, string]> = [
    ['Streams timed', String(t.streams)],
    ['Time to response headers (p50)', ms(t.headersMs?.p50)],
    ['Time to first token (p50 / p95)', t.ttftMs ? `${ms(t.ttftMs.p50)} / ${ms(t.ttftMs.p95)}` : 'no content delta'],
    ['Output tokens per second after the first (p50)', t.tokensPerSecond ? String(t.tokensPerSecond.p50) : '—'],
    ['Longest wait between two events', ms(t.maxGapMs)],
    ['Buffered streams (every event sent at once)', String(t.buffered)],
  ];
  const buffered = t.bufferedCases.length
    ? `<p class="warn-note">Buffered (<code>stream_not_buffered</code>): the answer was held, then sent at once, so a client shows nothing until it is complete; a validating or buffering proxy in front of the target is a common cause.</p><div class="cases">${t.bufferedCases.map(esc).join(', ')}</div>`
    : '';
  return `<h2>Stream timing</h2><table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>${buffered}`;
}

/** The features table: one row per feature, its verdict and what decided it. */
function featuresHtml(features: FeatureResult[] | undefined): string {
  if (!features?.length) return '';
  const rows = features
    .map(
      (f) =>
        `<tr><td>${esc(f.title)} <span class="cases">${esc(f.id)}</span>${f.required ? ' <span class="badge">required</span>' : ''}</td><td class="${esc(f.verdict)}">${esc(VERDICT_TEXT[f.verdict])}</td><td>${esc(f.reason)}${f.warnings.length ? `<div class="cases">warnings: ${f.warnings.map(esc).join(', ')}</div>` : ''}</td></tr>`,
    )
    .join('');
  return `<h2>Features</h2><table class="feat"><tr><th>Feature</th><th>Verdict</th><th>Why</th></tr>${rows}</table>`;
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
  // One finding per cause across the run, naming the areas and cases it was seen in.
  // What breaks clients first (checks/impact.ts).
  const causes = gatherCauses(r, 'failures').sort(
    (a, b) => IMPACT_ORDER.indexOf(a.first.impact) - IMPACT_ORDER.indexOf(b.first.impact),
  );
  const failuresHtml = causes.length
    ? `<h2>Failures (${causes.length})</h2>${causes
        .map((c) =>
          failureHtml(
            c.first,
            c.areas.some((a) => newSet.has(`${a} › ${c.checkId}`)),
            c,
          ),
        )
        .join('')}`
    : '';
  const notRunHtml = r.areas
    .map((a) => {
      const notRun = a.checks.filter((c) => c.status === 'not_run');
      return notRun.length
        ? `<p class="notrun"><b>${esc(a.title)}: not run</b> (${notRun.map((c) => esc(c.id)).join(', ')}): ${esc(notRun[0]!.reason ?? '')}</p>`
        : '';
    })
    .join('');
  const areas = `${notRunHtml ? `<h2>Not run</h2>${notRunHtml}` : ''}${failuresHtml}`;
  const warnings = warningsByCheck(r);
  const warningsHtml = warnings.length
    ? `<h2>Warnings (${t.warnings ?? warnings.reduce((n, g) => n + g.causes.length, 0)}, not counted as failures)</h2>${warnings.map((g) => `<h3>${esc(g.checkId)} <span class="badge">${esc(g.title)}</span></h3>${g.causes.map((c) => failureHtml(c.first, false, c)).join('')}`).join('')}`
    : '';
  const skipped = r.areas.flatMap((a) =>
    a.checks.filter((c) => c.status === 'skipped').map((c) => ({ area: a.title, ...c })),
  );
  const skipReasons = new Map<string, string[]>();
  for (const s of skipped)
    skipReasons.set(`${s.area}: ${s.reason}`, [...(skipReasons.get(`${s.area}: ${s.reason}`) ?? []), s.id]);
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
<div class="totals"><div class="tile pass"><b>${t.passed}</b>passed</div><div class="tile fail"><b>${t.failed}</b>non-conformance</div><div class="tile unav"><b>${t.unavailable}</b>unavailable</div><div class="tile unav"><b>${t.notRun}</b>not run</div><div class="tile skip"><b>${t.skipped}</b>skipped</div><div class="tile skip"><b>${t.warnings ?? 0}</b>warnings</div></div>
${unreadableHtml}
${changes}
${impactText(r) ? `<p class="impact">${esc(impactText(r))} Failing checks are listed by what they do to clients: breaks clients first.</p>` : ''}
${featuresHtml(r.features)}
${areas || '<h2>Failures</h2><p>None.</p>'}
${timingHtml(r.timing, Boolean(r.target.recorded))}
${warningsHtml}
<h2>Skipped checks</h2>${skipReasons.size ? `<table><tr><th>Why</th><th>Checks</th></tr>${[...skipReasons].map(([why, ids]) => `<tr><td>${esc(why)}</td><td>${ids.map(esc).join(', ')}</td></tr>`).join('')}</table>` : '<p>None.</p>'}
<h2>Spec coverage</h2>${cov('Request fields, enum values and block kinds sent', r.coverage.request)}${cov('Statuses, content blocks, events and deltas observed', r.coverage.response)}
</main></body></html>`;
}
