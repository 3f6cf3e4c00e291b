import { applyCachedDelta, replaceCachedLibrary } from '../../lib/db/library-cache.ts';
import type { LibraryDb } from '../../lib/db/library-db.ts';
import type { CachedIdea } from '../../lib/db/library-types.ts';
import type { LibraryListResponse } from '../../../src-main/contract/library.ts';
import type { RequestOf } from '../../../src-main/contract/index.ts';
import { toCachedIdea } from './library-adapter.ts';

/** A `library.list` answer applied to the library the page holds (what the cache then stores). */

/** Merges a full answer into what was cached, keeping the entries of a source the core could not read. */
export function mergeFull(cached: readonly CachedIdea[], answer: LibraryListResponse): CachedIdea[] {
  const missing = new Set(answer.unavailable.map((u) => u.source));
  const fresh = answer.entries.map(toCachedIdea);
  if (missing.size === 0) return fresh;
  const have = new Set(fresh.map((i) => i.ideaId));
  return [...fresh, ...cached.filter((i) => missing.has(i.source) && !have.has(i.ideaId))];
}

export function mergeDelta(cached: readonly CachedIdea[], answer: LibraryListResponse): CachedIdea[] {
  const byId = new Map(cached.map((i) => [i.ideaId, i]));
  for (const id of answer.removedIds) byId.delete(id);
  for (const entry of answer.entries) byId.set(entry.id, toCachedIdea(entry));
  return [...byId.values()];
}

/** Stores an answer in the cache: a full one replaces it, a delta is applied to it, in one transaction each. */
export async function storeAnswer(
  db: LibraryDb,
  answer: LibraryListResponse,
  ideas: readonly CachedIdea[],
  now: number,
): Promise<void> {
  if (answer.full) await replaceCachedLibrary(db, ideas, answer.cursor, now);
  else {
    const changed = answer.entries.map(toCachedIdea);
    await applyCachedDelta(db, { changed, removed: answer.removedIds, cursor: answer.cursor }, now);
  }
}

/**
 * One refresh: asks the core for what changed since `cursor` (everything without one), applies it to `shown`,
 * and stores the result. Throws when the core cannot be asked; a cache that cannot be written is only logged
 * (the page still shows the core's answer, and the next full refresh rewrites the cache).
 */
export async function refreshLibrary(
  db: LibraryDb,
  list: (request: RequestOf<'library.list'>) => Promise<LibraryListResponse>,
  shown: readonly CachedIdea[],
  cursor: string | null,
  now: number = Date.now(),
): Promise<{ ideas: CachedIdea[]; answer: LibraryListResponse }> {
  const answer = await list(cursor ? { changedSince: cursor } : {});
  const ideas = answer.full ? mergeFull(shown, answer) : mergeDelta(shown, answer);
  try {
    await storeAnswer(db, answer, ideas, now);
  } catch (err) {
    console.warn('library cache not written', err);
  }
  return { ideas, answer };
}
