import type { GraphCounts, KeyCount } from '../driver.ts';
import { EDGE_TYPES, NODE_KINDS, REVIEW_STATES } from '../model.ts';
import type { EdgeType, NodeKind, ReviewState } from '../model.ts';
import type { GraphStats } from '../views.ts';

/** Counts per key with every key present (0 when absent); unknown keys are ignored. */
function countsBy<K extends string>(keys: readonly K[], rows: readonly KeyCount[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of rows) if ((keys as readonly string[]).includes(row.key)) out[row.key as K] = row.count;
  return out;
}

/** The port's stats from a driver's raw counts. */
export function statsFrom(counts: GraphCounts): GraphStats {
  return {
    nodes: countsBy<NodeKind>(NODE_KINDS, counts.kinds),
    edges: countsBy<EdgeType>(EDGE_TYPES, counts.edgeTypes),
    review: countsBy<ReviewState>(REVIEW_STATES, counts.review),
    reviewByKind: Object.fromEntries(
      NODE_KINDS.map((kind) => [
        kind,
        countsBy<ReviewState>(
          REVIEW_STATES,
          counts.reviewByKind.filter((row) => row.kind === kind),
        ),
      ]),
    ) as Record<NodeKind, Record<ReviewState, number>>,
    embeddings: counts.embeddings,
    maxLevel: counts.maxLevel,
    schemaVersion: counts.schemaVersion,
  };
}
