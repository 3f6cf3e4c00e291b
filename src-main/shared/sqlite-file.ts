import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { AppError } from './errors.ts';

/**
 * Opening the app's SQLite files (ideator sessions, mining jobs, the embedded graph, the literature cache) the
 * same safe way:
 * - private: the file is created 0600 before SQLite opens it (SQLite gives -wal/-shm the database file's mode),
 *   a looser existing one is tightened;
 * - shared: `busy_timeout` comes first, so a second process opening the same fresh file waits for the first
 *   one's WAL switch and migrations instead of failing;
 * - damaged: a file that is not SQLite, or is corrupt, becomes a clear DATA_CORRUPT AppError naming it.
 */

export const BUSY_TIMEOUT_MS = 5000;

const FILE_MODE = 0o600;

/** Creates the file 0600 if missing, and tightens it (and its -wal/-shm) if other users could read it. */
export function makePrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', FILE_MODE));
  if (process.platform === 'win32') return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, FILE_MODE);
  }
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** A SQLite fault that means "this file is not a usable database", as a clear, typed error. */
export function asDatabaseError(err: unknown, path: string): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CORRUPT_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'))) {
    const reason = err instanceof Error ? err.message : code;
    return new AppError(
      'DATA_CORRUPT',
      `${path} is not a usable SQLite database (${reason}); move it aside to start that store afresh`,
      { file: path },
    );
  }
  return err;
}

/** Opens (creating 0600) a SQLite file with WAL and a busy timeout, running `setup` before handing it out. */
export function openSqliteFile(path: string, setup: (db: Database) => void = () => {}): Database {
  if (path !== ':memory:') makePrivateFile(path);
  let db: Database;
  try {
    db = new BetterSqlite3(path);
  } catch (err) {
    throw asDatabaseError(err, path);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    setup(db);
    return db;
  } catch (err) {
    db.close();
    throw asDatabaseError(err, path);
  }
}

/**
 * Switches the file to WAL. The switch needs an exclusive lock, and SQLite answers SQLITE_BUSY at once, without
 * its busy handler, when another process holds a shared lock on the fresh file (waiting could deadlock): so the
 * switch is retried here, a few milliseconds apart, for as long as `busy_timeout` would wait.
 */
export function enableWal(db: Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      const busy = (err as { code?: unknown }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() >= deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(5 * attempt, 50));
    }
  }
}

/**
 * Applies numbered migrations tracked in `user_version`, reading the version and migrating inside one
 * `BEGIN IMMEDIATE` transaction: a second process that opens the same fresh file waits (busy_timeout), then
 * sees the migrated version, instead of running the same `CREATE TABLE` again.
 */
export function migrateUserVersion(db: Database, migrations: readonly string[], path: string): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > migrations.length) {
      throw new AppError('VALIDATION', `${path} was written by a newer version of the app`, { file: path });
    }
    migrations.forEach((sql, index) => {
      if (index + 1 <= current) return;
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    });
  }).immediate();
}

/** Opens a store's SQLite file (0600, busy timeout, WAL) and brings it to the last of its numbered migrations. */
export function openMigratedSqliteFile(path: string, migrations: readonly string[]): Database {
  return openSqliteFile(path, (db) => {
    enableWal(db);
    migrateUserVersion(db, migrations, path);
  });
}
