import type { ManagedTransaction } from 'neo4j-driver';
import { EDGE_TYPES, NODE_KINDS, REVIEW_STATES } from '../model.ts';
import type { EdgeType, NodeKind, ReviewState } from '../model.ts';
import type { GraphStats } from '../port.ts';
import { toNumber } from './mapping.ts';
import {
  COUNT_BY_EDGE_TYPE,
  COUNT_BY_KIND,
  COUNT_BY_KIND_AND_REVIEW,
  COUNT_BY_REVIEW,
  EMBEDDING_COUNTS,
  MAX_LEVEL,
  SCHEMA_VERSION,
} from './queries.ts';
import { firstRow, rows } from './tx.ts';

/** Counts per kind, edge type and review state (every key present, 0 when absent), as the embedded store gives. */
function countsBy<K extends string>(
  keys: readonly K[],
  found: Array<Record<string, unknown>>,
): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of found) {
    const key = String(row.key);
    if ((keys as readonly string[]).includes(key)) out[key as K] = toNumber(row.count);
  }
  return out;
}

export async function graphStats(tx: ManagedTransaction): Promise<GraphStats> {
  const byKind = await rows(tx, COUNT_BY_KIND_AND_REVIEW);
  return {
    nodes: countsBy<NodeKind>(NODE_KINDS, await rows(tx, COUNT_BY_KIND)),
    edges: countsBy<EdgeType>(EDGE_TYPES, await rows(tx, COUNT_BY_EDGE_TYPE)),
    review: countsBy<ReviewState>(REVIEW_STATES, await rows(tx, COUNT_BY_REVIEW)),
    reviewByKind: Object.fromEntries(
      NODE_KINDS.map((kind) => [
        kind,
        countsBy<ReviewState>(
          REVIEW_STATES,
          byKind.filter((row) => row.kind === kind),
        ),
      ]),
    ) as Record<NodeKind, Record<ReviewState, number>>,
    embeddings: (await rows(tx, EMBEDDING_COUNTS)).map((row) => ({
      model: String(row.model),
      dimension: toNumber(row.dimension),
      count: toNumber(row.count),
    })),
    maxLevel: toNumber((await firstRow(tx, MAX_LEVEL))?.level ?? 0),
    schemaVersion: toNumber((await firstRow(tx, SCHEMA_VERSION))?.version ?? 0),
  };
}
