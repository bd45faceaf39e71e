/**
 * The shortest prefix a model caches, in tokens: below it a `cache_control` breakpoint is silently
 * not cached (no error, cache_creation_input_tokens 0). From the prompt-caching docs' "cache
 * limitations" table (https://platform.claude.com/docs/en/build-with-claude/prompt-caching), as
 * public summaries of it quote the figures. A model the table does not name gets the largest
 * figure: a longer prefix costs a few input tokens, a shorter one would make the probe prove nothing.
 */
const MINIMUMS: Array<[RegExp, number]> = [
  [/opus-4-[5-9]|haiku-4-5/, 4096],
  [/sonnet-4-6|haiku-3|3-haiku|3-5-haiku/, 2048],
  [/sonnet-4-5|opus-4-1|(opus|sonnet)-4(-\d{8})?$|3-7-sonnet|3-5-sonnet|3-opus/, 1024],
];

const DEFAULT_CACHE_MINIMUM = 4096;

export function cacheMinimumTokens(model: string): number {
  return MINIMUMS.find(([re]) => re.test(model))?.[1] ?? DEFAULT_CACHE_MINIMUM;
}
