import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Migration } from './migrations/index.ts';

/**
 * Apply every pending migration; returns the schema version now in force. The check and the migrations run in
 * one `BEGIN IMMEDIATE` transaction, so a second process opening the same fresh file waits and then finds them
 * applied, instead of running the same `CREATE TABLE` again.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  return db.transaction(() => migrateLocked(db, migrations)).immediate();
}

function migrateLocked(db: Database, migrations: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map(
      (r) => r.version,
    ),
  );
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => v > newest);
  if (unknown.length > 0) {
    // A file written by a newer app: refuse rather than guess at a schema we do not know.
    throw new AppError(
      'CONFLICT',
      `Graph file has schema version ${Math.max(...unknown)}; this app knows ${newest}`,
      {
        field: 'schemaVersion',
      },
    );
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      new Date().toISOString(),
    );
  }
  return newest;
}

export function schemaVersion(db: Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
