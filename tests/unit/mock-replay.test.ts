/**
 * The reference mock as a drop-in for the real API: every request real applications sent to the
 * real API (the recorded exchanges) is replayed to the mock over HTTP, unchanged — no model renamed —
 * and the mock must answer as the API did: 200 where the API answered 200, the same status and
 * `error.type` where the API refused the request for a cause in the request itself. Recordings whose
 * answer the request cannot explain (an overloaded API, a rate limit, a URL the API could not fetch,
 * a request text the recorder replaced) or that the API has answered differently since are listed
 * with the reason, and that list is itself checked. The agreement table is printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../../src/contract/spec';
import { startMock, type RunningServer } from '../../src/mock/server';

/** The recorded real exchanges (one place). */
const RECORDED = path.resolve(__dirname, '../fixtures/recorded');
const KEY = 'sk-ant-replay-test-key';

/** Recordings whose status the request alone cannot reproduce, and why. */
const NOT_FROM_THE_REQUEST: Record<string, string> = {
  'error-400-03.json': 'the API could not download the image URL (a fact about the network, not the body)',
  'error-400-09.json':
    'the recorder replaced the 3.3M-token prompt with "<MASSIVE_TEXT>", so the replayed body is small',
  'error-429-01.json': 'rate limit of the recording organisation',
  'error-429-02.json': 'rate limit of the recording organisation',
  'error-429-03.json': 'rate limit of the recording organisation',
  'error-429-04.json': 'rate limit of the recording organisation',
  'error-429-05.json': 'rate limit of the recording organisation',
  'error-529-01.json': 'the API was overloaded',
  'error-529-02.json': 'the API was overloaded',
};
/** Recordings the API would answer differently today, and the public source that says so. */
const CHANGED_SINCE: Record<string, string> = {
  'error-400-04.json':
    'file sources are GA since: @anthropic-ai/sdk 1.14.0 messages.ts ImageBlockParam.source includes FileImageSource',
  'error-400-05.json':
    'file sources are GA since: @anthropic-ai/sdk 1.14.0 messages.ts DocumentBlockParam.source includes FileDocumentSource',
  'error-400-06.json':
    'file sources are GA since: @anthropic-ai/sdk 1.14.0 messages.ts ImageBlockParam.source includes FileImageSource',
  'text-03.json': 'top_p / top_k -1 were taken as "unset" in 2025 and are refused since (minimum 0 in the vendor spec)',
};

interface Recording {
  request: { method?: string; path?: string; query?: string; headers?: Record<string, string>; body?: unknown } | null;
  response: { status: number; body?: { error?: { type?: string } } };
}

const recordings = readdirSync(RECORDED)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, doc: JSON.parse(readFileSync(path.join(RECORDED, file), 'utf8')) as Recording }))
  .filter((r) => r.doc.request);

let server: RunningServer;
beforeAll(async () => {
  server = await startMock(await loadContract(), { apiKey: KEY });
});
afterAll(() => server.close());

/** The recorded request as it went out, credentials aside: a 401 recording gets a wrong key. */
async function replay({ doc }: (typeof recordings)[number]): Promise<{ status: number; type?: string }> {
  const req = doc.request!;
  const headers: Record<string, string> = {
    // Recorders kept only some headers; every client sends these two (a filtered version: 2023-06-01).
    'content-type': 'application/json',
    'anthropic-version': '2023-06-01',
    ...req.headers,
    'x-api-key': doc.response.status === 401 ? 'sk-ant-api03-not-the-key' : KEY,
  };
  const url = `${server.url}${req.path ?? '/v1/messages'}${req.query ? `?${req.query}` : ''}`;
  const res = await fetch(url, { method: req.method ?? 'POST', headers, body: JSON.stringify(req.body) });
  const text = await res.text();
  let type: string | undefined;
  if (res.status !== 200) type = (JSON.parse(text) as { error?: { type?: string } }).error?.type;
  return { status: res.status, type };
}

test('every recorded real request gets the answer the real API gave (agreement table printed)', async () => {
  expect(recordings.length).toBe(176);
  const rows: Array<{ file: string; api: string; mock: string; verdict: string }> = [];
  for (const r of recordings) {
    const got = await replay(r);
    const want = {
      status: r.doc.response.status,
      type: r.doc.response.status === 200 ? undefined : r.doc.response.body?.error?.type,
    };
    const agree = got.status === want.status && got.type === want.type;
    const excused = NOT_FROM_THE_REQUEST[r.file] ?? CHANGED_SINCE[r.file];
    rows.push({
      file: r.file,
      api: `${want.status}${want.type ? ` ${want.type}` : ''}`,
      mock: `${got.status}${got.type ? ` ${got.type}` : ''}`,
      verdict: agree ? 'agrees' : excused ? `not compared: ${excused}` : 'DISAGREES',
    });
  }
  const byApi = new Map<string, { n: number; agree: number }>();
  for (const row of rows) {
    const k = row.api;
    const e = byApi.get(k) ?? { n: 0, agree: 0 };
    e.n += 1;
    if (row.verdict === 'agrees') e.agree += 1;
    byApi.set(k, e);
  }
  const table = [
    'real API answer                    recorded  mock agrees',
    ...[...byApi].sort().map(([k, e]) => `${k.padEnd(35)}${String(e.n).padStart(8)}${String(e.agree).padStart(13)}`),
    '',
    ...rows.filter((r) => r.verdict !== 'agrees').map((r) => `${r.file}: real ${r.api}, mock ${r.mock} — ${r.verdict}`),
  ].join('\n');
  process.stdout.write(`mock replay of ${rows.length} recorded real requests:\n${table}\n`);

  expect(rows.filter((r) => r.verdict === 'DISAGREES').map((r) => `${r.file}: real ${r.api}, mock ${r.mock}`)).toEqual(
    [],
  );
  // Every 200 the API gave, the mock gives (no model renamed); text-03 is the one the API changed.
  expect(rows.filter((r) => r.api === '200' && r.mock !== '200').map((r) => r.file)).toEqual(['text-03.json']);
  // Each excuse is needed: a recording the mock now agrees with must leave the lists.
  const excusedButAgreeing = rows
    .filter((r) => r.verdict === 'agrees' && (NOT_FROM_THE_REQUEST[r.file] ?? CHANGED_SINCE[r.file]))
    .map((r) => r.file);
  expect(excusedButAgreeing).toEqual([]);
  // Every 400 / 401 / 404 caused by the request is compared, and agrees.
  const compared4xx = rows.filter((r) => /^40[014]/.test(r.api) && r.verdict === 'agrees').map((r) => r.file);
  expect(compared4xx).toEqual([
    'error-400-01.json',
    'error-400-02.json',
    'error-400-07.json',
    'error-400-08.json',
    'error-401-01.json',
    'error-401-02.json',
    'error-401-03.json',
    'error-401-04.json',
    'error-401-05.json',
    'error-401-06.json',
    'error-404-01.json',
  ]);
}, 60_000);
