import type { ManagedTransaction } from 'neo4j-driver';
import type { GraphCounts, KeyCount } from '../driver.ts';
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
import type { Row } from './tx.ts';

const keyCount = (row: Row): KeyCount => ({ key: String(row.key), count: toNumber(row.count) });

/** Raw counts of the graph on Neo4j, in one read transaction. */
export async function graphCounts(tx: ManagedTransaction): Promise<GraphCounts> {
  return {
    kinds: (await rows(tx, COUNT_BY_KIND)).map(keyCount),
    edgeTypes: (await rows(tx, COUNT_BY_EDGE_TYPE)).map(keyCount),
    review: (await rows(tx, COUNT_BY_REVIEW)).map(keyCount),
    reviewByKind: (await rows(tx, COUNT_BY_KIND_AND_REVIEW)).map((row) => ({
      ...keyCount(row),
      kind: String(row.kind),
    })),
    embeddings: (await rows(tx, EMBEDDING_COUNTS)).map((row) => ({
      model: String(row.model),
      dimension: toNumber(row.dimension),
      count: toNumber(row.count),
    })),
    maxLevel: toNumber((await firstRow(tx, MAX_LEVEL))?.level ?? 0),
    schemaVersion: toNumber((await firstRow(tx, SCHEMA_VERSION))?.version ?? 0),
  };
}
