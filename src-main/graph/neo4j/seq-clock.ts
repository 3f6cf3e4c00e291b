/**
 * Sequence numbers for new nodes and edges without a shared counter. `seq` only orders ties (insertion order,
 * as the embedded store's rowids do), so it needs to grow within a client, not to be gap-free or global: a
 * counter node every writer bumps would make all writers wait on each other. Milliseconds × 1024 plus a
 * per-process step stays below 2^53 until the year 2248 and above the counter values older versions wrote.
 */
const STEPS_PER_MS = 1024;
let last = 0;

/** The first of `count` consecutive sequence numbers, each larger than any this process handed out before. */
export function reserveSeqs(count: number): number {
  const first = Math.max(Date.now() * STEPS_PER_MS, last + 1);
  last = first + Math.max(1, count) - 1;
  return first;
}
