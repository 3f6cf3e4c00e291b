import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import {
  AnnotationRecordSchema,
  UserMethodRecordSchema,
  type AnnotationKind,
  type AnnotationRecord,
  type AnnotationsList,
  type AnnotationsPut,
  type AnnotationsPutResult,
  type UserMethodRecord,
} from '../contract/annotations.ts';
import { AppError } from '../shared/errors.ts';
import { enableWal, openSqliteFile } from '../shared/sqlite-file.ts';
import { describeIssues, fieldIssues } from '../shared/zod-issues.ts';

export const ANNOTATIONS_FILE_NAME = 'annotations.sqlite';

/**
 * `<dataDir>/annotations.sqlite`: the user's annotations and added methods, one JSON body per row with a
 * revision. Writes are compare-and-set on the revision inside an IMMEDIATE transaction, so two writers (two
 * tabs, the app and the CLI) cannot both win from the same starting point.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS user_rows (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  revision INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
)`;

interface Row {
  kind: AnnotationKind;
  id: string;
  body: string;
  revision: number;
  updated_at: number;
}

type AnyRecord = AnnotationRecord | UserMethodRecord;

/** A row as a record; a row damaged on disk (edited by hand, a bad restore) is named with its field. */
function toRecord(row: Row, file: string): AnyRecord {
  const where = `${file}: ${row.kind} "${row.id}"`;
  let body: unknown;
  try {
    body = JSON.parse(row.body);
  } catch {
    throw new AppError('VALIDATION', `${where}: body is not valid JSON`, {
      file,
      kind: row.kind,
      id: row.id,
    });
  }
  const raw = { ...(body as object), revision: row.revision, updatedAt: row.updated_at };
  const parsed =
    row.kind === 'annotation' ? AnnotationRecordSchema.safeParse(raw) : UserMethodRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new AppError('VALIDATION', `${where}: ${describeIssues(issues)}`, {
      file,
      kind: row.kind,
      id: row.id,
      issues,
    });
  }
  return parsed.data;
}

export interface AnnotationChange {
  kind: AnnotationKind;
  id: string;
  record: AnyRecord | null;
}

export class AnnotationStore {
  readonly file: string;
  readonly #db: Database;

  constructor(dataDir: string) {
    this.file = join(dataDir, ANNOTATIONS_FILE_NAME);
    // 0600, busy_timeout first, the WAL switch retried: like every SQLite file of the app (shared/sqlite-file.ts).
    this.#db = openSqliteFile(this.file, (db) => {
      enableWal(db);
      db.exec(SCHEMA);
    });
  }

  list(): AnnotationsList {
    const rows = this.#db.prepare('SELECT * FROM user_rows ORDER BY kind, id').all() as Row[];
    const list: AnnotationsList = { annotations: [], userMethods: [] };
    for (const row of rows) {
      const record = toRecord(row, this.file);
      if (row.kind === 'annotation') list.annotations.push(record as AnnotationRecord);
      else list.userMethods.push(record as UserMethodRecord);
    }
    return list;
  }

  #get(kind: AnnotationKind, id: string): Row | undefined {
    return this.#db.prepare('SELECT * FROM user_rows WHERE kind = ? AND id = ?').get(kind, id) as
      Row | undefined;
  }

  #refuseStale(kind: AnnotationKind, id: string, baseRevision: number, current: Row | undefined): void {
    const revision = current?.revision ?? 0;
    if (revision === baseRevision) return;
    throw new AppError(
      'CONFLICT',
      `${kind === 'annotation' ? 'Your notes on' : 'The method'} "${id}" changed elsewhere ` +
        `(you edited revision ${baseRevision}, it is now ${current ? `revision ${revision}` : 'deleted'})`,
      { kind, id, baseRevision, current: current ? toRecord(current, this.file) : null },
    );
  }

  put(request: AnnotationsPut, now = Date.now()): AnnotationsPutResult {
    const id = request.kind === 'annotation' ? request.body.methodId : request.body.id;
    const write = this.#db.transaction((): Row => {
      const current = this.#get(request.kind, id);
      this.#refuseStale(request.kind, id, request.baseRevision, current);
      const row: Row = {
        kind: request.kind,
        id,
        body: JSON.stringify(request.body),
        revision: request.baseRevision + 1,
        updated_at: now,
      };
      this.#db
        .prepare(
          `INSERT INTO user_rows (kind, id, body, revision, updated_at)
           VALUES (@kind, @id, @body, @revision, @updated_at)
           ON CONFLICT (kind, id) DO UPDATE SET body = @body, revision = @revision, updated_at = @updated_at`,
        )
        .run(row);
      return row;
    });
    const row = write.immediate();
    return request.kind === 'annotation'
      ? { kind: 'annotation', record: toRecord(row, this.file) as AnnotationRecord }
      : { kind: 'userMethod', record: toRecord(row, this.file) as UserMethodRecord };
  }

  /** Puts a whole backup back in one transaction (all rows or none); returns the rows as now stored. */
  restore(list: AnnotationsList, now = Date.now()): AnnotationChange[] {
    const restoreAll = this.#db.transaction((): AnnotationChange[] => {
      const puts: AnnotationsPut[] = [
        ...list.userMethods.map(({ revision: _r, updatedAt: _u, ...body }) => ({
          kind: 'userMethod' as const,
          baseRevision: this.#get('userMethod', body.id)?.revision ?? 0,
          body,
        })),
        ...list.annotations.map(({ revision: _r, updatedAt: _u, ...body }) => ({
          kind: 'annotation' as const,
          baseRevision: this.#get('annotation', body.methodId)?.revision ?? 0,
          body,
        })),
      ];
      return puts.map((request) => {
        const { kind, record } = this.put(request, now);
        return { kind, id: kind === 'annotation' ? record.methodId : record.id, record };
      });
    });
    return restoreAll.immediate();
  }

  /** Deletes one row (a user method takes its annotation with it); returns what was removed. */
  delete(kind: AnnotationKind, id: string, baseRevision: number): AnnotationChange[] {
    const remove = this.#db.transaction((): AnnotationChange[] => {
      const current = this.#get(kind, id);
      this.#refuseStale(kind, id, baseRevision, current);
      const removed: AnnotationChange[] = [{ kind, id, record: null }];
      this.#db.prepare('DELETE FROM user_rows WHERE kind = ? AND id = ?').run(kind, id);
      if (kind === 'userMethod') {
        const notes = this.#db.prepare("DELETE FROM user_rows WHERE kind = 'annotation' AND id = ?").run(id);
        if (notes.changes > 0) removed.push({ kind: 'annotation', id, record: null });
      }
      return removed;
    });
    return remove.immediate();
  }

  close(): void {
    this.#db.close();
  }
}
