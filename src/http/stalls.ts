/**
 * When the suite's own process stalled: a timer that should tick every TICK_MS and came late says the
 * process was busy (its checks, an in-process server) or not scheduled (a loaded machine). Arrival
 * times the client records inside a stall are the suite's delay, not the target's, so stream timing
 * (stream/timing.ts) takes them out before calling a stream buffered. Runs only while streams are
 * being read, and never keeps the process alive.
 */
const TICK_MS = 20;
/** A tick this much later than due is a stall; below it is ordinary timer jitter. */
const STALL_MS = 15;
/** Stalls kept: enough to cover every attempt in flight (older ones are dropped first). */
const KEPT = 2000;

/** [end, length] of each stall, epoch ms, oldest first. */
const stalls: Array<[number, number]> = [];
let watchers = 0;
let timer: NodeJS.Timeout | undefined;
let last = 0;

function tick(): void {
  const now = Date.now();
  const late = now - last - TICK_MS;
  last = now;
  if (late < STALL_MS) return;
  stalls.push([now, late]);
  if (stalls.length > KEPT) stalls.splice(0, stalls.length - KEPT);
}

/** Starts watching (shared by every attempt in flight); call the returned function when done. */
export function watchStalls(): () => void {
  watchers += 1;
  if (!timer) {
    last = Date.now();
    timer = setInterval(tick, TICK_MS);
    timer.unref();
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    watchers -= 1;
    if (watchers > 0 || !timer) return;
    tick(); // a stall still in progress when the last watcher ends
    clearInterval(timer);
    timer = undefined;
  };
}

/** Milliseconds of the stalls seen between two epoch times (one still in progress included). */
export function stalledMs(from: number, to: number): number {
  let sum = 0;
  const now = Date.now();
  const current: Array<[number, number]> =
    timer && now - last - TICK_MS >= STALL_MS ? [[now, now - last - TICK_MS]] : [];
  for (const [end, length] of [...stalls, ...current]) {
    const start = end - length;
    if (end <= from || start >= to) continue;
    sum += Math.min(end, to) - Math.max(start, from);
  }
  return sum;
}
