import type { Database } from 'better-sqlite3';
import type { GraphCounts, KeyCount } from '../driver.ts';
import { listModels, vectorCount } from './embeddings.ts';
import { schemaVersion } from './migrate.ts';
import { sql } from './open-database.ts';

/** Raw counts of the embedded graph; the caller runs it in one read transaction. */
export function graphCounts(db: Database): GraphCounts {
  const grouped = (query: string): KeyCount[] => sql(db, query).all() as KeyCount[];
  return {
    kinds: grouped('SELECT kind AS key, COUNT(*) AS count FROM nodes GROUP BY kind'),
    edgeTypes: grouped('SELECT type AS key, COUNT(*) AS count FROM edges GROUP BY type'),
    review: grouped('SELECT review AS key, COUNT(*) AS count FROM nodes GROUP BY review'),
    reviewByKind: sql(
      db,
      'SELECT kind, review AS key, COUNT(*) AS count FROM nodes GROUP BY kind, review',
    ).all() as Array<KeyCount & { kind: string }>,
    embeddings: listModels(db).map((m) => ({
      model: m.model,
      dimension: m.dimension,
      count: vectorCount(db, m),
    })),
    maxLevel: (sql(db, 'SELECT COALESCE(MAX(level), 0) AS m FROM nodes').get() as { m: number }).m,
    schemaVersion: schemaVersion(db),
  };
}
