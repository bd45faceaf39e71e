/**
 * The reference mock's prompt cache (https://platform.claude.com/docs/en/build-with-claude/prompt-caching):
 * the prefix of a request up to its last `cache_control` breakpoint (tools, then system, then
 * messages; a top-level `cache_control` marks the last block), when it is at least the model's
 * minimum, is written on first sight (cache_creation_input_tokens) and read for five minutes after
 * each use (cache_read_input_tokens). `input_tokens` is what follows the breakpoint, so that
 * input + cache_creation + cache_read is the request's whole input, cold or warm.
 */
import { cacheMinimumTokens } from '../features/cache-minimum';
import { mediaTokensOf } from './content';

type Block = Record<string, unknown>;
type Body = Record<string, unknown>;

const TTL_MS = 5 * 60_000;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

export class PromptCache {
  private readonly entries = new Map<string, number>();

  /** Whether the prefix was cached (and still is), noting this use. */
  use(key: string, now = Date.now()): boolean {
    const last = this.entries.get(key);
    const hit = last !== undefined && now - last < TTL_MS;
    this.entries.set(key, now);
    return hit;
  }
}

/** The input tokens of one block as the mock counts them (reply.ts inputTokens counts the same words). */
function blockTokens(b: unknown): number {
  if (typeof b === 'string') return words(b);
  const block = (b ?? {}) as Block;
  if (block.type === 'text') return words(String(block.text ?? ''));
  if (block.type === 'tool_result')
    return typeof block.content === 'string'
      ? words(block.content)
      : (Array.isArray(block.content)
          ? (block.content as unknown[]).reduce<number>((n, x) => n + blockTokens(x), 0)
          : 0) + mediaTokensOf(block.content);
  return mediaTokensOf([block]);
}

/** The request's blocks in cache order, each with whether it carries a breakpoint. */
function blocksInOrder(body: Body): Array<{ block: unknown; breakpoint: boolean }> {
  const marked = (b: unknown) => typeof b === 'object' && b !== null && (b as Block).cache_control != null;
  const out: Array<{ block: unknown; breakpoint: boolean }> = [];
  for (const t of (body.tools as unknown[] | undefined) ?? []) out.push({ block: { tool: t }, breakpoint: marked(t) });
  const system = body.system;
  if (typeof system === 'string') out.push({ block: system, breakpoint: false });
  else if (Array.isArray(system)) for (const b of system) out.push({ block: b, breakpoint: marked(b) });
  for (const m of (body.messages as Array<{ role?: unknown; content?: unknown }> | undefined) ?? []) {
    if (typeof m?.content === 'string') out.push({ block: m.content, breakpoint: false });
    else if (Array.isArray(m?.content)) for (const b of m.content) out.push({ block: b, breakpoint: marked(b) });
  }
  if (body.cache_control != null && out.length) out[out.length - 1]!.breakpoint = true;
  return out;
}

/** The cached prefix of a request: its key and tokens, or undefined with no breakpoint or below the model's minimum. */
function cachedPrefix(body: Body): { key: string; tokens: number } | undefined {
  const blocks = blocksInOrder(body);
  const last = blocks.map((b) => b.breakpoint).lastIndexOf(true);
  if (last < 0) return undefined;
  const prefix = blocks.slice(0, last + 1).map((b) => b.block);
  const tokens = prefix.reduce<number>(
    (n, b) => n + (typeof b === 'object' && b !== null && 'tool' in b ? 0 : blockTokens(b)),
    0,
  );
  if (tokens < cacheMinimumTokens(String(body.model))) return undefined;
  return { key: `${String(body.model)}\n${JSON.stringify(prefix)}`, tokens };
}

/** Splits the answer's input usage into uncached, written and read tokens (the total unchanged). */
export function applyCache(message: Body, body: Body, cache: PromptCache): void {
  const prefix = cachedPrefix(body);
  const usage = message.usage as Record<string, number>;
  if (!prefix || !usage) return;
  const tokens = Math.min(prefix.tokens, usage.input_tokens - 1);
  const hit = cache.use(prefix.key);
  usage.input_tokens -= tokens;
  usage[hit ? 'cache_read_input_tokens' : 'cache_creation_input_tokens'] = tokens;
}
