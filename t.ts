import fc from 'fast-check';
import { loadContract } from './src/contract/spec';
import { validBody } from './src/generate/positive';
import { firstRuleViolation } from './src/contract/request-rules';
(async () => {
  const c = await loadContract();
  const arb = validBody({ contract: c, model: 'claude-sonnet-4-20250514', version: '2023-06-01', unforgeable: true });
  const t = Date.now();
  const bodies = fc.sample(arb, { seed: 42, numRuns: 3000 });
  let bad = 0;
  for (const b of bodies) { const i = c.validateRequest(b); const r = firstRuleViolation(b, {version:'2023-06-01', modelMaxOutputTokens: c.modelMaxOutputTokens}); if (i.length || r) { if (bad++ < 5) console.log(JSON.stringify(i.slice(0,2)), r?.message, JSON.stringify(b).slice(0,300)); } }
  console.log('bad', bad, 'of', bodies.length, Date.now() - t, 'ms');
  console.log(JSON.stringify(bodies[0]).slice(0, 600));
})();
