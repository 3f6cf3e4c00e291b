import type { CachedIdea } from '../../lib/db/library-types.ts';
import type { LibraryListResponse } from '../../../src-main/contract/library.ts';
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
