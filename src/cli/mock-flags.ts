/** The options of `npm run mock` / `anthropic-conformance mock` and what each value must be (one place for both entry points). */
export const MOCK_NUMBER_FLAGS = {
  port: 'integer',
  'tokens-per-second': 'positive',
  'first-token-ms': 'non-negative',
  'overloaded-rate': 'rate',
  'rate-limited-rate': 'rate',
  'stream-error-rate': 'rate',
  'drop-rate': 'rate',
  'retry-after': 'non-negative',
  seed: 'integer',
  'requests-per-minute': 'positive',
  'input-tokens-per-minute': 'positive',
  'output-tokens-per-minute': 'positive',
} as const;

/** Every option as written on the command line (`--port`, `--models`, …). */
export const MOCK_FLAGS = ['models', 'report', ...Object.keys(MOCK_NUMBER_FLAGS)].map((f) => `--${f}`);
