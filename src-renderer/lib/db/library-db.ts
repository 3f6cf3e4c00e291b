import Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import { defineLibrarySchema } from './library-upgrades.ts';
import type { CachedDossier, CachedSession, LibrarySnapshot } from './library-types.ts';

/**
 * The ideas library's offline cache in IndexedDB, a database of its own (clearing it never touches the methods
 * atlas or the user's annotations). A copy of the core's library, refreshed from it; never the only copy.
 */

export const LIBRARY_DB_NAME = 'motiv-library';

/** The database with its tables typed (Dexie adds one property per declared table). */
export type LibraryDb = Dexie & {
  snapshot: EntityTable<LibrarySnapshot, 'key'>;
  dossiers: EntityTable<CachedDossier, 'ideaId'>;
  sessions: EntityTable<CachedSession, 'id'>;
};

export function openLibraryDb(name: string = LIBRARY_DB_NAME): LibraryDb {
  const db = new Dexie(name) as LibraryDb;
  defineLibrarySchema(db);
  return db;
}

let shared: LibraryDb | null = null;

/** The app's one library cache (opened lazily). */
export function getLibraryDb(): LibraryDb {
  shared ??= openLibraryDb();
  return shared;
}
