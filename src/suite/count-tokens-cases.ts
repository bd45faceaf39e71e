/**
 * The count_tokens area: `POST /v1/messages/count_tokens` with valid, edge, invalid and auth
 * bodies (src/generate/count-tokens.ts), and a few bodies sent to `/v1/messages` too (max_tokens 1),
 * whose input usage the count must be close to (count_tokens_matches_usage). Claude Code and the
 * SDKs call it besides /v1/messages (https://docs.claude.com/en/api/messages-count-tokens).
 */
import type { RequestCase } from '../http/exchange';
import type { AreaDef } from './areas';
import type { Run } from './run';
import {
  countAuthCases,
  countBoundaryCases,
  countNegativeCases,
  countValidCases,
  smallestCountBody,
} from '../generate/count-tokens';
import { ANSWER_CHECKS, COMMON_CHECKS, unknownModel } from './common';

/** Generated valid bodies: a few are enough here (the Messages areas draw the full CONTRACT_RUNS). */
const MAX_GENERATED = 8;
/** The counted cases also sent to /v1/messages: the plain body, a system prompt, non-ASCII text (where tokenizers differ most). */
const TWINNED = ['count_tokens/probe', 'count_tokens/boundary/system_string', 'count_tokens/boundary/text_cjk'];

const PROBE = 'count_tokens/probe';

function countTokensProbe(run: Run): RequestCase {
  return {
    name: PROBE,
    operation: 'count_tokens',
    body: smallestCountBody(run.gen),
    meta: { mode: 'positive', description: 'the smallest valid count body', expect: { status: 200 }, probe: true },
  };
}

function countTokensCases(run: Run): RequestCase[] {
  const { seed, runs } = run.config;
  // A name outside the spec's model table (info.x-models), which is what the real API serves.
  const unknown = unknownModel(run.contract);
  const counted = [...countValidCases(run.gen, seed, Math.min(runs, MAX_GENERATED)), ...countBoundaryCases(run.gen)];
  const probe = countTokensProbe(run);
  // The twins feed a full-profile check only: a static-example mock is not asked them.
  const twins = [probe, ...counted]
    .filter(() => run.config.profile === 'full')
    .filter((c) => TWINNED.includes(c.name))
    .map((c): RequestCase => ({
      name: `count_tokens/usage_twin/${c.name.split('/').pop()}`,
      operation: 'messages',
      // max_tokens 1: only the input usage is wanted.
      body: { ...(c.body as Record<string, unknown>), max_tokens: 1 },
      meta: {
        mode: 'positive',
        description: `the body of ${c.name}, sent to /v1/messages for its input usage`,
        expect: { status: 200 },
        countTwin: c.name,
      },
    }));
  return [...counted, ...countNegativeCases(run.gen), ...countAuthCases(run.gen, unknown), ...twins];
}

export const COUNT_TOKENS_AREA: AreaDef = {
  id: 'count-tokens',
  title: 'Token counting (POST /v1/messages/count_tokens)',
  // schema: a static-example mock answers the valid requests with the spec's example count; its shape is checked.
  profiles: ['full', 'schema'],
  group: 'count_tokens',
  checks: [
    ...COMMON_CHECKS,
    ...ANSWER_CHECKS,
    'error_message_names_field',
    'count_tokens_matches_usage',
    'input_tokens_nonzero',
  ],
  cases: countTokensCases,
  probe: countTokensProbe,
};
