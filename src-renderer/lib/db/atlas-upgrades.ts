import type { Dexie, Transaction } from 'dexie';

/**
 * The atlas database's schema history. Never edit a released version: add a new one with its upgrade.
 *
 * v1: dataset copy (methods, benchmarks, meta) and the user's annotations and added methods.
 * v2: `inspirations` (methods chosen to seed ideation); annotations gain an `updatedAt` index, and older
 *     annotation rows get `updatedAt` and `solutionNodeIds` defaults.
 * v3: annotations link Solution nodes by id and name (`solutionLinks`, chosen through graph search); the free-text
 *     `solutionNodeIds` of older rows become links with an unknown name (null). Same tables and indexes.
 * v4: the core (data dir) becomes the source of truth and IndexedDB its cache: annotations and user methods gain
 *     `revision` (the core's, 0 = never synced), and `outbox` queues local writes until the core takes them.
 *     Rows written before v4 are queued for upload, so nothing the user wrote stays behind in one origin.
 */

export const ATLAS_SCHEMA_V1 = {
  methods: 'id, categoryId, subcategoryId, year, venueKey',
  benchmarks: 'id, scenario, domain',
  meta: 'key',
  annotations: 'methodId, *tags',
  userMethods: 'id, createdAt',
} as const;

export const ATLAS_SCHEMA_V2 = {
  ...ATLAS_SCHEMA_V1,
  annotations: 'methodId, *tags, updatedAt',
  inspirations: '++id, createdAt',
} as const;

export const ATLAS_SCHEMA_V4 = {
  ...ATLAS_SCHEMA_V2,
  outbox: '++seq, &key',
} as const;

export const ATLAS_SCHEMA_VERSION = 4;

/** Rewrites every row of one table in place, inside an upgrade's transaction. */
async function modifyRows(
  tx: Transaction,
  table: string,
  edit: (row: Record<string, unknown>) => void,
): Promise<void> {
  await tx.table(table).toCollection().modify(edit);
}

export function defineAtlasSchema(db: Dexie): void {
  db.version(1).stores(ATLAS_SCHEMA_V1);
  db.version(2)
    .stores(ATLAS_SCHEMA_V2)
    .upgrade(async (tx) => {
      await modifyRows(tx, 'annotations', (a) => {
        if (typeof a['updatedAt'] !== 'number') a['updatedAt'] = 0;
        if (!Array.isArray(a['solutionNodeIds'])) a['solutionNodeIds'] = [];
        if (!Array.isArray(a['tags'])) a['tags'] = [];
        if (typeof a['note'] !== 'string') a['note'] = '';
        if (typeof a['starred'] !== 'boolean') a['starred'] = false;
      });
    });
  db.version(3)
    .stores(ATLAS_SCHEMA_V2)
    .upgrade(async (tx) => {
      await modifyRows(tx, 'annotations', (a) => {
        if (Array.isArray(a['solutionLinks'])) return;
        const ids = Array.isArray(a['solutionNodeIds']) ? a['solutionNodeIds'] : [];
        const clean = ids.filter((id): id is string => typeof id === 'string' && id.trim() !== '');
        a['solutionLinks'] = [...new Set(clean.map((id) => id.trim()))].map((id) => ({ id, name: null }));
        delete a['solutionNodeIds'];
      });
    });
  db.version(4)
    .stores(ATLAS_SCHEMA_V4)
    .upgrade(async (tx) => {
      const outbox = tx.table('outbox');
      for (const [tableName, kind, idKey] of [
        ['userMethods', 'userMethod', 'id'],
        ['annotations', 'annotation', 'methodId'],
      ] as const) {
        await modifyRows(tx, tableName, (row) => {
          row['revision'] = 0;
        });
        for (const row of (await tx.table(tableName).toArray()) as Record<string, unknown>[]) {
          const { revision: _revision, updatedAt: _updatedAt, ...body } = row;
          const id = String(row[idKey]);
          await outbox.add({ key: `${kind}:${id}`, kind, id, op: 'put', baseRevision: 0, body, edits: 1 });
        }
      }
    });
}
