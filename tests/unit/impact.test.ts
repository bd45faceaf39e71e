/**
 * Every finding carries what it does to clients: each check states its impact once, with its
 * reason (a Record over CheckId, so a new check without one does not compile); a warning is
 * advisory; the console lists what breaks clients first and the summary counts each class.
 */
import { IMPACT, impactOf } from '../../src/checks/impact';
import { CHECK_IDS } from '../../src/suite/areas';
import { summaryText } from '../../src/report/summary';
import { failuresText } from '../../src/report/findings';
import { loadContract } from '../../src/contract/spec';
import { startMock } from '../../src/mock/server';
import { BROKEN } from '../fixtures/servers/catalogue';
import { runSuite } from '../helpers/run-suite';

test('every check states its impact with a reason', () => {
  for (const id of CHECK_IDS)
    expect({ id, why: (IMPACT as Record<string, { why: string }>)[id]?.why }).toEqual({
      id,
      why: expect.stringMatching(/\w{3}/),
    });
  expect(impactOf('response_schema_conformance', 'error')).toBe('breaks_clients');
  expect(impactOf('response_schema_conformance', 'warning')).toBe('advisory');
  expect(impactOf('request_id_header', 'error')).toBe('deviates');
  expect(impactOf('a_users_own_check', 'error')).toBe('deviates');
});

jest.setTimeout(60_000);

test('a server with a client-breaking fault and a deviation: findings carry their class, the breaking one is printed first, the summary counts both', async () => {
  const missingUsage = BROKEN.find((f) => f.name === 'message-without-usage')!.fault;
  const noRequestId = BROKEN.find((f) => f.catches.includes('request_id_header'))!.fault;
  const server = await startMock(await loadContract(), {
    apiKey: 'impact-key-0123456789',
    fault: {
      alter: async (r, q) =>
        noRequestId.alter ? noRequestId.alter(await missingUsage.alter!(r, q), q) : missingUsage.alter!(r, q),
      write: noRequestId.write,
    },
  });
  try {
    const { results } = await runSuite(server.url, 'impact-key-0123456789', { CONTRACT_RUNS: '3' }, ['examples']);
    const records = results.areas.flatMap((a) => a.checks.flatMap((c) => c.failures));
    expect(records.find((f) => f.checkId === 'response_schema_conformance')?.impact).toBe('breaks_clients');
    expect(records.find((f) => f.checkId === 'request_id_header')?.impact).toBe('deviates');
    const text = failuresText(results);
    expect(text.indexOf('(response_schema_conformance) [breaks clients]')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('(response_schema_conformance)')).toBeLessThan(text.indexOf('(request_id_header) [deviates]'));
    expect(summaryText(results)).toMatch(
      /Findings by impact: [1-9]\d* breaks clients, [1-9]\d* deviates, \d+ advisory\./,
    );
  } finally {
    await server.close();
  }
});

test('a deviation alone (no request-id header) is a finding, but breaks no feature', async () => {
  const server = await startMock(await loadContract(), {
    apiKey: 'impact-key-0123456789',
    fault: BROKEN.find((f) => f.name === 'no-request-id')!.fault,
  });
  try {
    const { results } = await runSuite(server.url, 'impact-key-0123456789', { CONTRACT_RUNS: '3' }, [
      'examples',
      'features',
    ]);
    expect(results.totals.failed).toBeGreaterThan(0);
    expect(results.features.filter((f) => f.verdict === 'broken').map((f) => f.id)).toEqual([]);
    expect(results.features.filter((f) => f.verdict === 'supported').length).toBeGreaterThan(5);
  } finally {
    await server.close();
  }
});
