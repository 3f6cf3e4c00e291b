import Dexie from 'dexie';
import { afterEach } from 'vitest';
import { openLibraryDb, type LibraryDb } from '../lib/db/library-db.ts';

/** Opens library caches by name for a test; each is closed and deleted after it. */
export function useLibraryDbs(): (name: string) => LibraryDb {
  const opened: Dexie[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
  });
  return (name) => {
    const db = openLibraryDb(name);
    opened.push(db);
    return db;
  };
}
