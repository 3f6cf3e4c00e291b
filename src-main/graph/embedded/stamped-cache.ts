import type { Database } from 'better-sqlite3';

/**
 * Values derived from the graph (sampling candidates, the vector code index), kept until the graph changes.
 * The stamp combines this connection's write counter with SQLite's data_version, which moves when another
 * connection commits, so a change from anywhere empties the cache.
 */
export class StampedCache<T> {
  private stamp = '';
  private readonly values = new Map<string, T>();

  get(stamp: string, key: string, load: () => T): T {
    if (stamp !== this.stamp) {
      this.values.clear();
      this.stamp = stamp;
    }
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = load();
    this.values.set(key, value);
    return value;
  }

  /** Replace a value under the current stamp (after patching or reloading it). */
  set(key: string, value: T): void {
    this.values.set(key, value);
  }
}

/** `ownWrites`: a counter the caller bumps on the writes that should empty the cache. */
export function graphStamp(db: Database, ownWrites: number): string {
  return `${ownWrites}/${String(db.pragma('data_version', { simple: true }))}`;
}
