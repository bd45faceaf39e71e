/**
 * The generator's own guarantees: valid bodies validate and keep the cross-field rules,
 * each invalid body breaks exactly its named rule, the default run covers the request surface, and
 * the same seed gives the same bodies.
 */
import fc from 'fast-check';
import { loadContract, type Contract } from '../../src/contract/spec';
import { firstRuleViolation } from '../../src/contract/request-rules';
import { validBody, NOT_GENERATED, type GenOptions } from '../../src/generate/positive';
import { boundaryCases } from '../../src/generate/boundary';
import { negativeCases } from '../../src/generate/negative';
import { validCases } from '../../src/suite/cases';
import { runFromEnv } from '../../src/suite/run';
import { AREAS } from '../../src/suite/areas';
import { requestCoverage, specUniverse } from '../../src/report/coverage';
import type { Exchange, RequestCase } from '../../src/http/exchange';

jest.setTimeout(60_000);

let contract: Contract;
let gen: GenOptions;
beforeAll(async () => {
  contract = await loadContract();
  gen = { contract, model: 'claude-sonnet-4-20250514', version: '2023-06-01' };
});
const rules = (version = '2023-06-01') => ({ version, modelMaxOutputTokens: contract.modelMaxOutputTokens });

test('3,000 generated valid bodies all validate against the request schema and keep the cross-field rules', () => {
  for (const unforgeable of [false, true]) {
    fc.assert(
      fc.property(validBody({ ...gen, unforgeable }), (body) => {
        expect(contract.validateRequest(body)).toEqual([]);
        expect(firstRuleViolation(body, rules())).toBeUndefined();
      }),
      { seed: 7, numRuns: 1500 },
    );
  }
});

test('under anthropic-version 2026-10-21 no sampling parameter is generated', () => {
  fc.assert(
    fc.property(validBody({ ...gen, version: '2026-10-21' }), (body) => {
      expect(firstRuleViolation(body, rules('2026-10-21'))).toBeUndefined();
    }),
    { seed: 3, numRuns: 300 },
  );
});

test('generated max_tokens stay cheap (below 65 beyond a thinking budget)', () => {
  for (const body of fc.sample(validBody(gen), { seed: 1, numRuns: 500 })) {
    const budget = (body.thinking as { budget_tokens?: number } | undefined)?.budget_tokens ?? 0;
    expect(body.max_tokens as number).toBeLessThanOrEqual(budget + 64);
  }
});

test('every boundary case is valid', () => {
  const cases = boundaryCases(gen);
  expect(cases.map((c) => c.name)).toEqual(
    expect.arrayContaining([
      'boundary/max_tokens_minimum',
      'boundary/max_tokens_model_maximum',
      'boundary/temperature_0',
      'boundary/temperature_1',
      'boundary/thinking_budget_minimum',
      'boundary/tool_name_longest',
      'boundary/many_messages',
      'boundary/system_text_blocks',
    ]),
  );
  for (const c of cases) {
    expect({ name: c.name, issues: contract.validateRequest(c.body) }).toEqual({ name: c.name, issues: [] });
    expect({ name: c.name, rule: firstRuleViolation(c.body as Record<string, unknown>, rules())?.rule.id }).toEqual({
      name: c.name,
      rule: undefined,
    });
  }
  expect(
    (cases.find((c) => c.name === 'boundary/tool_name_longest')!.body as { tools: Array<{ name: string }> }).tools[0]!
      .name,
  ).toHaveLength(128);
});

describe('every invalid body breaks exactly its named rule', () => {
  test('schema rules, cross-field rules, transport rules', () => {
    const cases = negativeCases(gen);
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) {
      if (c.broken.transport) {
        expect(c.broken.transport === 'json' ? typeof c.body : c.headers?.['content-type']).toBe(
          c.broken.transport === 'json' ? 'string' : 'text/plain',
        );
        continue;
      }
      const issues = contract.validateRequest(c.body);
      const rule = firstRuleViolation(c.body as Record<string, unknown>, rules());
      if (c.broken.schemaPath) {
        // Exactly one schema rule, at the named place, and no cross-field rule besides (unless the
        // one implies the other: above the spec's maximum is above every model's ceiling too).
        const sp = c.broken.schemaPath;
        const paths = [...new Set(issues.map((i) => i.path))];
        const inside = (p: string) => (sp === '/' ? p === '/' : p === sp || p.startsWith(`${sp}/`));
        expect({ name: c.name, failsInside: paths.length > 0 && paths.every(inside), paths }).toEqual({
          name: c.name,
          failsInside: true,
          paths,
        });
        expect({ name: c.name, rule: rule?.rule.id }).toEqual({ name: c.name, rule: c.broken.implies });
      } else {
        expect({ name: c.name, issues }).toEqual({ name: c.name, issues: [] });
        expect({ name: c.name, rule: rule?.rule.id }).toEqual({ name: c.name, rule: c.broken.rule });
      }
    }
  });
});

test('a default run covers every request field, enum value and block kind (coverage printed)', async () => {
  const ctx = await runFromEnv({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_API_KEY: 'k' });
  const asExchanges = (cases: RequestCase[]) => cases.map((c) => ({ case: c }) as Exchange);
  // Every area's requests (each operation is called by its own area).
  const sent = new Set(
    requestCoverage(
      asExchanges([...validCases(ctx), ...AREAS.flatMap((a) => [...(a.probe ? [a.probe(ctx)] : []), ...a.cases(ctx)])]),
    ),
  );
  // Input thinking blocks are signed by the API: only the self-test generator forges them.
  for (const item of requestCoverage(
    asExchanges(
      fc
        .sample(validBody({ ...gen, unforgeable: true }), { seed: 42, numRuns: 200 })
        .map((body) => ({ name: 'x', operation: 'messages', body })),
    ),
  ))
    if (/block (redacted_)?thinking/.test(item)) sent.add(item);
  const universe = specUniverse(contract).request.filter(
    (item) => !Object.keys(NOT_GENERATED).some((f) => item === `field ${f}`),
  );
  const missing = universe.filter((item) => !sent.has(item));
  process.stdout.write(
    `request coverage of a default run: ${universe.length - missing.length}/${universe.length}\n  ${[...sent].sort().join('\n  ')}\n`,
  );
  expect(missing).toEqual([]);
});

test('same seed, same bodies; another seed, other bodies', async () => {
  const env = { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_API_KEY: 'k', CONTRACT_SEED: '1234' };
  const a = validCases(await runFromEnv(env)).map((c) => JSON.stringify(c.body));
  const b = validCases(await runFromEnv(env)).map((c) => JSON.stringify(c.body));
  const other = validCases(await runFromEnv({ ...env, CONTRACT_SEED: '99' })).map((c) => JSON.stringify(c.body));
  expect(a).toEqual(b);
  expect(other).not.toEqual(a);
});
