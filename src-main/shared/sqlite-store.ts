import type { Database } from 'better-sqlite3';
import { openMigratedSqliteFile } from './sqlite-file.ts';

/** A store kept in a SQLite file of its own: opened (WAL, its numbered migrations) on construction, closed by close(). */
export abstract class MigratedSqliteStore {
  protected readonly db: Database;
  readonly path: string;

  protected constructor(path: string, migrations: readonly string[]) {
    this.path = path;
    this.db = openMigratedSqliteFile(path, migrations);
  }

  close(): void {
    this.db.close();
  }
}
