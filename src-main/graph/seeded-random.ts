/**
 * Reproducible sampling shared by every store, so `randomNodes({ seed })` picks the same nodes from the same
 * graph whichever adapter holds it: order candidates by id, then draw indices here.
 */

/** mulberry32: tiny, fast, good enough for sampling (not for secrets). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct indices in [0, total), in draw order (Floyd's algorithm would reorder; a set keeps it simple). */
export function seededSample(total: number, count: number, seed: number): number[] {
  const wanted = Math.min(count, total);
  const next = mulberry32(seed);
  const picked = new Set<number>();
  const order: number[] = [];
  while (order.length < wanted) {
    const index = Math.floor(next() * total);
    if (picked.has(index)) continue;
    picked.add(index);
    order.push(index);
  }
  return order;
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 0xffffffff);
}
