import type { Database, Statement } from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { enableWal, openSqliteFile } from '../../shared/sqlite-file.ts';
import { memoEntry } from '../../shared/memo-entry.ts';
import { outsideAsar } from '../../shared/resources.ts';
import { migrate } from './migrate.ts';

const MMAP_BYTES = 4 * 2 ** 30;

/** Open (or create) the graph file: WAL for concurrent readers, foreign keys on, sqlite-vec loaded, migrated. */
export function openGraphDatabase(path: string): Database {
  // 0600, busy_timeout first, migrations under BEGIN IMMEDIATE: two processes may open a fresh data dir at once.
  return openSqliteFile(path, (db) => {
    // Must precede the first table (ignored on an existing file). Big pages put sqlite-vec's 1.5 MB vector
    // chunks on short overflow chains: bulk loads write vectors about three times faster.
    db.pragma('page_size = 65536');
    enableWal(db);
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    // Reads through the OS page cache without copying into SQLite's cache: halves vector-scan time.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    // Its loadable path points into the asar in a packaged app; SQLite needs the unpacked copy.
    db.loadExtension(outsideAsar(sqliteVec.getLoadablePath()));
    migrate(db);
  });
}

const statementCache = new WeakMap<Database, Map<string, Statement>>();

/** Prepared statements are reused: preparing costs more than running most of our queries. */
export function sql(db: Database, text: string): Statement {
  const cache = memoEntry(statementCache, db, () => new Map<string, Statement>());
  return memoEntry(cache, text, () => db.prepare(text));
}
