/**
 * The features a run gives a verdict on: what a client (Claude Code, an agent, an SDK app) relies on
 * a server for. Cases name the features they exercise (`CaseMeta.features`); a feature's verdict
 * comes from the checks that ran on its cases (src/features/verdicts.ts), never from "it answered 200".
 */
export const FEATURE_IDS = [
  'text',
  'system',
  'streaming',
  'stream_accept_json',
  'tools',
  'tool_streaming',
  'parallel_tools',
  'tool_round_trip',
  'images',
  'documents',
  'citations',
  'thinking',
  'thinking_round_trip',
  'prefill',
  'prompt_caching',
  'stop_sequences',
  'max_tokens',
  'version_2026_bearer',
  'count_tokens',
  'models',
  'beta_passthrough',
] as const;

export type FeatureId = (typeof FEATURE_IDS)[number];

/**
 * What a run concluded about a feature on one target.
 * - supported: every check on its cases passed;
 * - refused: a clean 4xx error naming what is not offered (acceptable where the feature is not required);
 * - broken: accepted but wrong, content lost, or a 5xx / crash (non-conformance);
 * - not_applicable: the target's answers never reached the step (a model that called no tool);
 * - not_tested: profile, budget, operation or feature selection left it out.
 */
export type FeatureVerdict = 'supported' | 'refused' | 'broken' | 'not_applicable' | 'not_tested';
