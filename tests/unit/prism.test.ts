/**
 * The schema profile is what a static-example mock can satisfy: Prism serving our own spec passes it
 * (issue #5), while the full profile, which checks behaviour, does not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { SPEC_PATH } from '../../src/contract/spec';
import { formatFailures } from '../../src/report/format';
import { runSuite } from '../helpers/run-suite';

jest.setTimeout(90_000);
let prism: ChildProcess;
let url: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const cli = path.resolve(__dirname, '../../node_modules/@stoplight/prism-cli/dist/index.js');
  prism = spawn(process.execPath, [cli, 'mock', SPEC_PATH, '-p', String(port), '-h', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`prism did not start:\n${log}`)), 60_000);
    const onData = (c: Buffer) => {
      log += c.toString();
      if (/listening on/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout!.on('data', onData);
    prism.stderr!.on('data', onData);
    prism.on('exit', (code) => reject(new Error(`prism exited with ${code}:\n${log}`)));
  });
});

afterAll(() => {
  prism?.kill();
});

test('prism mock on our spec passes the schema profile, except streams asked for with Accept: application/json', async () => {
  const run = await runSuite(url, 'any-key-123456', { CONTRACT_PROFILE: 'schema' });
  // Prism picks the response by Accept, so a stream sent as the TypeScript SDK sends it (Accept:
  // application/json) gets the JSON example: a real fault for SDK users, and the only one.
  const [sdkStreams, others] = [run.failures.filter((f) => f.exchange?.case.name.endsWith('/accept_json')), run.failures.filter((f) => !f.exchange?.case.name.endsWith('/accept_json'))];
  if (others.length) throw new Error(formatFailures(others, { apiKey: '' }));
  expect(new Set(sdkStreams.map((f) => f.checkId))).toEqual(new Set(['content_type_conformance', 'sse_framing']));
  const passed = run.outcomes.flatMap((o) => o.checks.filter((c) => c.status === 'passed').map((c) => c.id));
  expect(passed).toEqual(expect.arrayContaining(['response_schema_conformance', 'stream_grammar', 'stream_event_schema', 'content_type_conformance']));
});

test('the full profile finds what a static-example mock cannot do', async () => {
  const run = await runSuite(url, 'any-key-123456', { CONTRACT_PROFILE: 'full', CONTRACT_RUNS: '5' });
  expect(run.failing.size).toBeGreaterThan(0);
});
