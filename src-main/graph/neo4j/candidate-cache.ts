/**
 * Sorted sampling candidates per (kinds, review) filter, each remembered with the graph stamp it was read under
 * (queries.ts GRAPH_STAMP). A lookup under any other stamp misses, so a write from any client, through any
 * driver, empties it in effect. Reads may overlap (async), so each entry carries its own stamp rather than the
 * cache holding one: a slow read finishing late can never pass off old ids as current.
 */
export class CandidateIdCache {
  private readonly entries = new Map<string, { stamp: string; ids: readonly string[] }>();
  private readonly maxEntries: number;

  /** A few filters are in use at a time (the ideator's default kinds, a review filter); each list is ~3 MB at paper scale. */
  constructor(maxEntries = 8) {
    this.maxEntries = maxEntries;
  }

  get(stamp: string, key: string): readonly string[] | undefined {
    const entry = this.entries.get(key);
    return entry?.stamp === stamp ? entry.ids : undefined;
  }

  /** The last list read for the filter, whatever its stamp: a guess the caller confirms against the stamp. */
  latest(key: string): { stamp: string; ids: readonly string[] } | undefined {
    return this.entries.get(key);
  }

  set(stamp: string, key: string, ids: readonly string[]): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { stamp, ids });
  }
}
