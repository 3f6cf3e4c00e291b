import type { LibraryDb } from './library-db.ts';
import type { CachedDossier, CachedIdea, CachedSession } from './library-types.ts';

/**
 * Reads and writes of the offline library. Every write is one Dexie transaction, so a reader sees the library
 * before or after a refresh, never half of it; after a refresh the cache holds exactly what the core answered.
 */

export interface CachedLibrary {
  ideas: CachedIdea[];
  cursor: string | null;
  refreshedAt: number | null;
}

/** Dossiers kept at most (least recently opened go first), by count and by bytes. */
export interface DossierBounds {
  maxCount: number;
  maxBytes: number;
}

export const DEFAULT_DOSSIER_BOUNDS: DossierBounds = { maxCount: 200, maxBytes: 8 * 1024 * 1024 };

export async function readCachedLibrary(db: LibraryDb): Promise<CachedLibrary> {
  return db.transaction('r', db.ideas, db.meta, async () => {
    const [ideas, meta] = await Promise.all([db.ideas.toArray(), db.meta.get('library')]);
    return { ideas, cursor: meta?.cursor ?? null, refreshedAt: meta?.refreshedAt ?? null };
  });
}

/** A full refresh: the cache becomes the core's list; dossiers of ideas that are gone are dropped too. */
export async function replaceCachedLibrary(
  db: LibraryDb,
  ideas: readonly CachedIdea[],
  cursor: string | null,
  now: number = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.ideas, db.meta, db.dossiers, async () => {
    const keep = new Set(ideas.map((i) => i.ideaId));
    const stale = (await db.dossiers.toCollection().primaryKeys()).filter((id) => !keep.has(id));
    await db.ideas.clear();
    await db.ideas.bulkPut([...ideas]);
    await db.dossiers.bulkDelete(stale);
    await db.meta.put({ key: 'library', cursor, refreshedAt: now });
  });
}

/** An incremental refresh (`changedSince`): changed entries replace theirs, removed ones go with their dossier. */
export async function applyCachedDelta(
  db: LibraryDb,
  delta: { changed: readonly CachedIdea[]; removed: readonly string[]; cursor: string | null },
  now: number = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.ideas, db.meta, db.dossiers, async () => {
    await db.ideas.bulkPut([...delta.changed]);
    await db.ideas.bulkDelete([...delta.removed]);
    await db.dossiers.bulkDelete([...delta.removed]);
    await db.meta.put({ key: 'library', cursor: delta.cursor, refreshedAt: now });
  });
}

/** One entry changed by this window (tags, note, archive): stored as the core answered it. */
export async function putCachedIdea(db: LibraryDb, idea: CachedIdea): Promise<void> {
  await db.ideas.put(idea);
}

/** Stores an opened idea's dossier, then drops the least recently used ones beyond the bounds. */
export async function putCachedDossier(
  db: LibraryDb,
  dossier: Omit<CachedDossier, 'bytes' | 'usedAt'>,
  now: number = Date.now(),
  bounds: DossierBounds = DEFAULT_DOSSIER_BOUNDS,
): Promise<void> {
  const bytes = JSON.stringify(dossier.versions).length;
  await db.transaction('rw', db.dossiers, async () => {
    await db.dossiers.put({ ...dossier, bytes, usedAt: now });
    const newestFirst = await db.dossiers.orderBy('usedAt').reverse().toArray();
    let count = 0;
    let total = 0;
    const evict: string[] = [];
    for (const d of newestFirst) {
      count += 1;
      total += d.bytes;
      // The one just stored stays even when it alone is over the byte bound.
      if (d.ideaId !== dossier.ideaId && (count > bounds.maxCount || total > bounds.maxBytes)) {
        evict.push(d.ideaId);
        total -= d.bytes;
        count -= 1;
      }
    }
    await db.dossiers.bulkDelete(evict);
  });
}

/** An opened idea's cached dossier (marked as just used), or null. */
export async function readCachedDossier(
  db: LibraryDb,
  ideaId: string,
  now: number = Date.now(),
): Promise<CachedDossier | null> {
  return db.transaction('rw', db.dossiers, async () => {
    const dossier = await db.dossiers.get(ideaId);
    if (!dossier) return null;
    await db.dossiers.update(ideaId, { usedAt: now });
    return { ...dossier, usedAt: now };
  });
}

export async function replaceCachedSessions(
  db: LibraryDb,
  sessions: readonly CachedSession[],
): Promise<void> {
  await db.transaction('rw', db.sessions, async () => {
    await db.sessions.clear();
    await db.sessions.bulkPut([...sessions]);
  });
}

export interface LibraryCacheSize {
  ideas: number;
  dossiers: number;
  sessions: number;
  dossierBytes: number;
}

export async function libraryCacheSize(db: LibraryDb): Promise<LibraryCacheSize> {
  return db.transaction('r', db.ideas, db.dossiers, db.sessions, async () => {
    const dossiers = await db.dossiers.toArray();
    return {
      ideas: await db.ideas.count(),
      dossiers: dossiers.length,
      sessions: await db.sessions.count(),
      dossierBytes: dossiers.reduce((sum, d) => sum + d.bytes, 0),
    };
  });
}

/** Settings' "Clear offline cache": everything of the library cache; the core's data is untouched. */
export async function clearLibraryCache(db: LibraryDb): Promise<void> {
  await db.transaction('rw', [db.ideas, db.meta, db.dossiers, db.sessions], async () => {
    await Promise.all([db.ideas.clear(), db.meta.clear(), db.dossiers.clear(), db.sessions.clear()]);
  });
}
