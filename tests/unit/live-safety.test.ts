/**
 * Live safety: requests in flight never exceed CONTRACT_CONCURRENCY, the bodies sent do
 * not depend on the concurrency, and no request goes anywhere but the configured base URL.
 */
import { loadContract } from '../../src/contract/spec';
import { startMock, writeResult, type RunningServer } from '../../src/mock/server';
import { runSuite } from '../helpers/run-suite';

const KEY = 'safety-key-0123456';
jest.setTimeout(60_000);

async function countingServer() {
  const seen = { inFlight: 0, max: 0, bodies: [] as string[] };
  const server: RunningServer = await startMock(await loadContract(), {
    apiKey: KEY,
    fault: {
      async write(res, result, req) {
        seen.inFlight += 1;
        seen.max = Math.max(seen.max, seen.inFlight);
        seen.bodies.push(req.body);
        await new Promise((r) => setTimeout(r, 5));
        seen.inFlight -= 1;
        writeResult(res, result);
      },
    },
  });
  return { server, seen };
}

test.each([1, 2, 4])('CONTRACT_CONCURRENCY=%i bounds the requests in flight', async (n) => {
  const { server, seen } = await countingServer();
  try {
    await runSuite(server.url, KEY, { CONTRACT_CONCURRENCY: String(n), CONTRACT_RUNS: '8' });
    expect(seen.max).toBeLessThanOrEqual(n);
    // And the bound is used: with more than one allowed, requests do overlap.
    expect(seen.max).toBeGreaterThanOrEqual(Math.min(n, 2));
  } finally {
    await server.close();
  }
});

test('the same seed sends the same bodies whatever the concurrency', async () => {
  const bodiesWith = async (n: number) => {
    const { server, seen } = await countingServer();
    try {
      await runSuite(server.url, KEY, { CONTRACT_CONCURRENCY: String(n), CONTRACT_RUNS: '8', CONTRACT_SEED: '2024' });
      // A conversation's next step carries the target's own answer (its tool_use ids, its signatures): the suite's own bodies are compared.
      return seen.bodies.filter((b) => !/"id":"toolu_|"signature":/.test(b)).sort();
    } finally {
      await server.close();
    }
  };
  expect(await bodiesWith(4)).toEqual(await bodiesWith(1));
});

test('no request goes anywhere but the configured base URL', async () => {
  const { server } = await countingServer();
  const realFetch = globalThis.fetch;
  const urls: string[] = [];
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return realFetch(input, init);
  }) as typeof fetch;
  try {
    await runSuite(`${server.url}/some/prefix`, KEY, { CONTRACT_RUNS: '8' });
  } finally {
    globalThis.fetch = realFetch;
    await server.close();
  }
  expect(urls.length).toBeGreaterThan(50);
  expect(urls.filter((u) => !u.startsWith(`${server.url}/some/prefix/v1/`))).toEqual([]);
});
