import type { LibraryDb } from './library-db.ts';
import {
  searchTextOf,
  type CachedDossier,
  type CachedIdea,
  type CachedSession,
  type LibrarySnapshot,
  type StoredIdea,
} from './library-types.ts';

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

function unpack(snapshot: LibrarySnapshot | undefined): CachedIdea[] {
  if (!snapshot) return [];
  const stored = JSON.parse(snapshot.json) as StoredIdea[];
  return stored.map((idea) => ({ ...idea, searchText: searchTextOf(idea) }));
}

function pack(
  ideas: readonly CachedIdea[],
  cursor: string | null,
  refreshedAt: number | null,
): LibrarySnapshot {
  const stored = ideas.map(({ searchText: _searchText, ...idea }) => idea);
  return { key: 'library', cursor, refreshedAt, count: stored.length, json: JSON.stringify(stored) };
}

export async function readCachedLibrary(db: LibraryDb): Promise<CachedLibrary> {
  const snapshot = await db.snapshot.get('library');
  return {
    ideas: unpack(snapshot),
    cursor: snapshot?.cursor ?? null,
    refreshedAt: snapshot?.refreshedAt ?? null,
  };
}

/** A full refresh: the cache becomes the core's list; dossiers of ideas that are gone are dropped too. */
export async function replaceCachedLibrary(
  db: LibraryDb,
  ideas: readonly CachedIdea[],
  cursor: string | null,
  now: number = Date.now(),
): Promise<void> {
  const snapshot = pack(ideas, cursor, now);
  await db.transaction('rw', db.snapshot, db.dossiers, async () => {
    const keep = new Set(ideas.map((i) => i.ideaId));
    const stale = (await db.dossiers.toCollection().primaryKeys()).filter((id) => !keep.has(id));
    await db.snapshot.put(snapshot);
    await db.dossiers.bulkDelete(stale);
  });
}

/** An incremental refresh (`changedSince`): changed entries replace theirs, removed ones go with their dossier. */
export async function applyCachedDelta(
  db: LibraryDb,
  delta: { changed: readonly CachedIdea[]; removed: readonly string[]; cursor: string | null },
  now: number = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.snapshot, db.dossiers, async () => {
    const byId = new Map(unpack(await db.snapshot.get('library')).map((i) => [i.ideaId, i]));
    for (const id of delta.removed) byId.delete(id);
    for (const idea of delta.changed) byId.set(idea.ideaId, idea);
    await db.snapshot.put(pack([...byId.values()], delta.cursor, now));
    await db.dossiers.bulkDelete([...delta.removed]);
  });
}

/** One entry changed by this window (tags, note, archive): stored as the core answered it, cursor unchanged. */
export async function putCachedIdea(db: LibraryDb, idea: CachedIdea): Promise<void> {
  await db.transaction('rw', db.snapshot, async () => {
    const snapshot = await db.snapshot.get('library');
    if (!snapshot) return; // nothing cached yet: the next refresh stores the whole library
    const ideas = unpack(snapshot).map((i) => (i.ideaId === idea.ideaId ? idea : i));
    await db.snapshot.put(pack(ideas, snapshot.cursor, snapshot.refreshedAt));
  });
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
  return db.transaction('r', db.snapshot, db.dossiers, db.sessions, async () => {
    const dossiers = await db.dossiers.toArray();
    return {
      ideas: (await db.snapshot.get('library'))?.count ?? 0,
      dossiers: dossiers.length,
      sessions: await db.sessions.count(),
      dossierBytes: dossiers.reduce((sum, d) => sum + d.bytes, 0),
    };
  });
}

/** Settings' "Clear offline cache": everything of the library cache; the core's data is untouched. */
export async function clearLibraryCache(db: LibraryDb): Promise<void> {
  await db.transaction('rw', [db.snapshot, db.dossiers, db.sessions], async () => {
    await Promise.all([db.snapshot.clear(), db.dossiers.clear(), db.sessions.clear()]);
  });
}
