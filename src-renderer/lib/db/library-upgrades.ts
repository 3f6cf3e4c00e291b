import type { Dexie, Transaction } from 'dexie';

/**
 * The offline library's schema history (database `motiv-library`). Never edit a released version: add one.
 *
 * v1: `ideas` (library entries by idea id) and `meta` (the refresh cursor).
 * v2: `dossiers` (versions + dialogue summaries of opened ideas, bounded LRU by `usedAt`) and `sessions`
 *     (session summaries); ideas gain `searchText` (the lower-cased fields the instant search matches), filled in
 *     for the rows v1 stored, and an `archived` default.
 */

export const LIBRARY_SCHEMA_V1 = {
  ideas: 'ideaId, updatedAt',
  meta: 'key',
} as const;

export const LIBRARY_SCHEMA_V2 = {
  ...LIBRARY_SCHEMA_V1,
  dossiers: 'ideaId, usedAt',
  sessions: 'id, updatedAt',
} as const;

export const LIBRARY_SCHEMA_VERSION = 2;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function defineLibrarySchema(db: Dexie): void {
  db.version(1).stores(LIBRARY_SCHEMA_V1);
  db.version(2)
    .stores(LIBRARY_SCHEMA_V2)
    .upgrade(async (tx: Transaction) => {
      await tx
        .table('ideas')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          const tags = Array.isArray(row['tags']) ? row['tags'].filter((t) => typeof t === 'string') : [];
          row['tags'] = tags;
          if (typeof row['archived'] !== 'boolean') row['archived'] = false;
          row['searchText'] = [row['title'], row['abstract'], row['topic'], tags.join(' '), row['note']]
            .map(text)
            .join('\n')
            .toLowerCase();
        });
    });
}
