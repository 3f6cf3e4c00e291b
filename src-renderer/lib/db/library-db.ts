import Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import { defineLibrarySchema } from './library-upgrades.ts';
import type { CachedDossier, CachedSession, LibrarySnapshot } from './library-types.ts';

/**
 * The ideas library's offline cache in IndexedDB, a database of its own (clearing it never touches the methods
 * atlas or the user's annotations). A copy of the core's library, refreshed from it; never the only copy.
 */

export const LIBRARY_DB_NAME = 'motiv-library';

export class LibraryDb extends Dexie {
  declare snapshot: EntityTable<LibrarySnapshot, 'key'>;
  declare dossiers: EntityTable<CachedDossier, 'ideaId'>;
  declare sessions: EntityTable<CachedSession, 'id'>;

  constructor(name: string = LIBRARY_DB_NAME) {
    super(name);
    defineLibrarySchema(this);
  }
}

let shared: LibraryDb | null = null;

/** The app's one library cache (opened lazily). */
export function getLibraryDb(): LibraryDb {
  shared ??= new LibraryDb();
  return shared;
}
