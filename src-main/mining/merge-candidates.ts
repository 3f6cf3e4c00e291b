import type { VectorIndex } from './vector-index.ts';

/**
 * Which nodes of one kind are near-identical: every pair whose cosine similarity reaches the threshold, found with
 * the vector index (each node asks for its nearest few), then a merge plan that never chains (a node already
 * folded into another is not used again in the same pass). Pure: the caller writes the merges.
 */

export interface MergePair {
  /** Indices into the caller's node list; `keep` is the lower index (the caller lists older nodes first). */
  keep: number;
  drop: number;
  similarity: number;
}

export function findMergeCandidates(index: VectorIndex, threshold: number, perNode = 5): MergePair[] {
  const seen = new Set<number>();
  const pairs: MergePair[] = [];
  for (let i = 0; i < index.size; i++) {
    for (const n of index.neighbours(i, perNode, threshold)) {
      const keep = Math.min(i, n.index);
      const drop = Math.max(i, n.index);
      const key = keep * index.size + drop;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({ keep, drop, similarity: n.similarity });
    }
  }
  return pairs.sort((a, b) => b.similarity - a.similarity || a.keep - b.keep || a.drop - b.drop);
}

/** The most similar pairs first; a node that was dropped, or that absorbed another, is not dropped later. */
export function planMerges(pairs: readonly MergePair[]): MergePair[] {
  const dropped = new Set<number>();
  const kept = new Set<number>();
  const plan: MergePair[] = [];
  for (const pair of pairs) {
    if (dropped.has(pair.keep) || dropped.has(pair.drop) || kept.has(pair.drop)) continue;
    dropped.add(pair.drop);
    kept.add(pair.keep);
    plan.push(pair);
  }
  return plan;
}
