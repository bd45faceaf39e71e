/**
 * `anthropic-conformance proxy --upstream URL [--port N] [--reports-dir DIR] [--every N]`: the
 * validating proxy on 127.0.0.1 until Ctrl-C or SIGTERM, then the reports and traffic.har. Its exit
 * code is the traffic's verdict (0 conforms, 1 a failure), as a run's is.
 */
import { parseArgs } from 'node:util';
import { startProxy, type JudgedExchange } from '../proxy/proxy';
import { escapeControls } from '../report/escape';
import { summaryText } from '../report/summary';
import { findingsText } from '../report/findings';
import { MockUsageError } from './mock';

export const PROXY_FLAGS = ['--upstream', '--port', '--every'];

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const whole = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new MockUsageError(`--${name} ${JSON.stringify(raw)}: expected a whole number`);
  return n;
};

export async function proxyCommand(
  args: string[],
  reportsDir: string | undefined,
  io: Io,
  stop: Promise<void>,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { upstream: { type: 'string' }, port: { type: 'string' }, every: { type: 'string' } },
    strict: true,
  });
  if (!values.upstream)
    throw new MockUsageError('proxy needs --upstream URL (where the traffic goes: a gateway, the API, the mock)');
  // Each new cause of failure is printed when it is first seen: the afternoon's problems as they happen.
  const seen = new Set<string>();
  const onJudged = (j: JudgedExchange) => {
    for (const f of j.failures.filter((x) => x.severity === 'error' && !seen.has(x.key))) {
      seen.add(f.key);
      io.err(
        escapeControls(
          `✗ ${j.name} ${j.request.slice(0, 140)} → ${j.status}: ${f.checkId} (${f.title}): ${f.detail.split('\n')[0] ?? ''}`,
        ),
      );
    }
  };
  const proxy = await startProxy({
    upstream: values.upstream,
    port: whole('port', values.port),
    everyN: whole('every', values.every),
    reportsDir,
    onJudged,
  });
  io.out(
    `validating proxy on ${proxy.url} → ${values.upstream} (point clients at it: ANTHROPIC_BASE_URL=${proxy.url}; Ctrl-C writes the reports${reportsDir ? ` to ${reportsDir}` : ''})`,
  );
  await stop;
  const r = await proxy.close();
  const findings = findingsText(r);
  if (findings) io.err(`\n${findings}`);
  io.err(`\n${summaryText(r, r.reportsDir)}`);
  const s = r.stats;
  io.err(
    `Proxy: ${s.forwarded} exchange(s) forwarded, ${s.judged} judged${r.harFile ? `; traffic in ${r.harFile}` : ''}.`,
  );
  for (const note of r.notes) io.err(note);
  return r.exitCode;
}
