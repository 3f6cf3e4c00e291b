import type { Dexie, Transaction } from 'dexie';

/**
 * The offline library's schema history (database `motiv-library`). Never edit a released version: add one.
 *
 * v1: `ideas` (library entries by idea id) and `meta` (the refresh cursor).
 * v2: `dossiers` (versions + dialogue summaries of opened ideas, bounded LRU by `usedAt`) and `sessions`
 *     (session summaries); ideas gain `searchText` (the lower-cased fields the instant search matches), filled in
 *     for the rows v1 stored, and an `archived` default.
 * v3: `snapshot`: the whole library as one JSON text with its cursor (one read instead of one per idea: 10,000
 *     rows took IndexedDB ~1 s to read, one text ~0.2 s); the upgrade moves v2's `ideas` and `meta` into it.
 * v4: `ideas` and `meta` dropped (Dexie deletes a table only in a version after the one whose upgrade read it).
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

export const LIBRARY_SCHEMA_V3 = { ...LIBRARY_SCHEMA_V2, snapshot: 'key' } as const;

export const LIBRARY_SCHEMA_V4 = { ...LIBRARY_SCHEMA_V3, ideas: null, meta: null } as const;

export const LIBRARY_SCHEMA_VERSION = 4;

/** What the snapshot keeps of each idea: all but `searchText`, which is recomputed on reading. */
const SEARCH_TEXT = 'searchText';

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
  db.version(3)
    .stores(LIBRARY_SCHEMA_V3)
    .upgrade(async (tx: Transaction) => {
      const rows = (await tx.table('ideas').toArray()) as Record<string, unknown>[];
      const meta = (await tx.table('meta').get('library')) as Record<string, unknown> | undefined;
      const ideas = rows.map((row) =>
        Object.fromEntries(Object.entries(row).filter(([k]) => k !== SEARCH_TEXT)),
      );
      await tx.table('snapshot').put({
        key: 'library',
        cursor: typeof meta?.['cursor'] === 'string' ? meta['cursor'] : null,
        refreshedAt: typeof meta?.['refreshedAt'] === 'number' ? meta['refreshedAt'] : null,
        count: ideas.length,
        json: JSON.stringify(ideas),
      });
      await tx.table('ideas').clear();
      await tx.table('meta').clear();
    });
  db.version(4).stores(LIBRARY_SCHEMA_V4);
}
