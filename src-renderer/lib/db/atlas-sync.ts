import { z } from 'zod';
import type { Annotation, UserMethod } from '../../features/methods/atlas-types.ts';
import { DatasetSchema } from '../../features/methods/dataset-schema.ts';
import type { Benchmark, Method } from '../../features/methods/dataset-schema.ts';
import type { AtlasDb, DatasetExtras } from './atlas-db.ts';

/** Loading the atlas from IndexedDB and refreshing the dataset copy when a newer version is bundled. */

export interface AtlasSnapshot {
  version: number;
  extras: DatasetExtras;
  methods: Method[];
  benchmarks: Benchmark[];
  annotations: Annotation[];
  userMethods: UserMethod[];
}

export interface SyncResult {
  replaced: boolean;
  from: number | null;
  to: number;
}

const VersionOnly = z.object({ version: z.number().int().positive() });

/** Everything the atlas shows, read in one transaction; null before the first import. */
export async function readAtlasSnapshot(db: AtlasDb): Promise<AtlasSnapshot | null> {
  return db.transaction(
    'r',
    [db.meta, db.methods, db.benchmarks, db.annotations, db.userMethods],
    async () => {
      const meta = await db.meta.get('dataset');
      if (!meta) return null;
      const [methods, benchmarks, annotations, userMethods] = await Promise.all([
        db.methods.toArray(),
        db.benchmarks.toArray(),
        db.annotations.toArray(),
        db.userMethods.toArray(),
      ]);
      return { version: meta.version, extras: meta.extras, methods, benchmarks, annotations, userMethods };
    },
  );
}

export async function storedDatasetVersion(db: AtlasDb): Promise<number | null> {
  return (await db.meta.get('dataset'))?.version ?? null;
}

/**
 * Replaces the stored methods, benchmarks and dataset meta with `bundled` when it is newer than what is
 * stored. One transaction over those three tables only: annotations, user methods and inspirations are
 * outside its scope, so they cannot be touched.
 */
export async function syncBundledDataset(
  db: AtlasDb,
  bundled: unknown,
  now = Date.now(),
): Promise<SyncResult> {
  const to = VersionOnly.parse(bundled).version;
  const from = await storedDatasetVersion(db);
  if (from !== null && from >= to) return { replaced: false, from, to };
  const { methods, benchmarks, ...extras } = DatasetSchema.parse(bundled);
  await db.transaction('rw', [db.methods, db.benchmarks, db.meta], async () => {
    const current = await db.meta.get('dataset');
    if (current && current.version >= to) return; // another window got there first
    await db.methods.clear();
    await db.benchmarks.clear();
    await db.methods.bulkPut(methods);
    await db.benchmarks.bulkPut(benchmarks);
    await db.meta.put({ key: 'dataset', version: to, importedAt: now, extras });
  });
  return { replaced: true, from, to };
}
