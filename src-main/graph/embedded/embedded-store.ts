import { GraphStore } from '../graph-store.ts';
import { EmbeddedDriver } from './embedded-driver.ts';
import { openGraphDatabase } from './open-database.ts';

export interface EmbeddedStoreOptions {
  /**
   * From this many vectors of a model on, vector search scans one-bit codes and re-scores the best candidates
   * exactly (binary-index.ts) instead of scanning every float vector. 0 = always, Infinity = never.
   */
  approximateVectorSearchFrom?: number;
}

// Below this an exact scan takes a few milliseconds anyway.
const DEFAULT_APPROXIMATE_FROM = 20_000;

/**
 * The default GraphStore: one SQLite file (WAL) with FTS5 for lexical and sqlite-vec for vector search. The rules
 * are GraphStore's; the driver (embedded-driver.ts) runs every write in one IMMEDIATE transaction, so a failure
 * anywhere leaves the file as it was.
 */
export class EmbeddedGraphStore extends GraphStore<EmbeddedDriver> {
  readonly path: string;

  private constructor(path: string, driver: EmbeddedDriver) {
    super(driver);
    this.path = path;
  }

  static open(path: string, options: EmbeddedStoreOptions = {}): EmbeddedGraphStore {
    const approximateFrom = options.approximateVectorSearchFrom ?? DEFAULT_APPROXIMATE_FROM;
    return new EmbeddedGraphStore(path, new EmbeddedDriver(openGraphDatabase(path), { approximateFrom }));
  }
}
