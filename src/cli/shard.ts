/** Splitting a run across machines by area. */

/** `--shard=i/n` (jest's flag, kept for the README's command) selects areas; the rest goes to jest. undefined: no shard; null: malformed. */
export function takeShard(args: string[]): { shard: [number, number] | undefined | null; jestArgs: string[] } {
  let shard: [number, number] | undefined | null;
  const jestArgs: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    const value = a.startsWith('--shard=') ? a.slice('--shard='.length) : a === '--shard' ? args[++i] : undefined;
    if (value === undefined) {
      jestArgs.push(a);
      continue;
    }
    const m = /^(\d+)\/(\d+)$/.exec(value);
    const [k, n] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    shard = k >= 1 && k <= n ? [k, n] : null;
  }
  return { shard, jestArgs };
}
