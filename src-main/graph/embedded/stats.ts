import type { Database } from 'better-sqlite3';
import { EDGE_TYPES, NODE_KINDS, REVIEW_STATES } from '../model.ts';
import type { EdgeType, NodeKind, ReviewState } from '../model.ts';
import type { GraphStats } from '../port.ts';
import { listModels, vectorCount } from './embeddings.ts';
import { schemaVersion } from './migrate.ts';
import { sql } from './open-database.ts';

function countsBy<K extends string>(
  keys: readonly K[],
  rows: Array<{ key: string; c: number }>,
): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of rows) if ((keys as readonly string[]).includes(row.key)) out[row.key as K] = row.c;
  return out;
}

export function graphStats(db: Database): GraphStats {
  const kinds = sql(db, 'SELECT kind AS key, COUNT(*) AS c FROM nodes GROUP BY kind').all() as Array<{
    key: string;
    c: number;
  }>;
  const types = sql(db, 'SELECT type AS key, COUNT(*) AS c FROM edges GROUP BY type').all() as Array<{
    key: string;
    c: number;
  }>;
  const review = sql(db, 'SELECT review AS key, COUNT(*) AS c FROM nodes GROUP BY review').all() as Array<{
    key: string;
    c: number;
  }>;
  const byKind = sql(
    db,
    'SELECT kind, review AS key, COUNT(*) AS c FROM nodes GROUP BY kind, review',
  ).all() as Array<{ kind: string; key: string; c: number }>;
  const maxLevel = (sql(db, 'SELECT COALESCE(MAX(level), 0) AS m FROM nodes').get() as { m: number }).m;
  return {
    nodes: countsBy<NodeKind>(NODE_KINDS, kinds),
    edges: countsBy<EdgeType>(EDGE_TYPES, types),
    review: countsBy<ReviewState>(REVIEW_STATES, review),
    reviewByKind: Object.fromEntries(
      NODE_KINDS.map((kind) => [
        kind,
        countsBy<ReviewState>(
          REVIEW_STATES,
          byKind.filter((row) => row.kind === kind),
        ),
      ]),
    ) as Record<NodeKind, Record<ReviewState, number>>,
    embeddings: listModels(db).map((m) => ({
      model: m.model,
      dimension: m.dimension,
      count: vectorCount(db, m),
    })),
    maxLevel,
    schemaVersion: schemaVersion(db),
  };
}
