import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LIBRARY_UNDO_WINDOW_MS, type LibraryMeta } from '../contract/library.ts';
import { AppError } from '../shared/errors.ts';
import { MigratedSqliteStore } from '../shared/sqlite-store.ts';
import { reconcileCatalogue, type CatalogueItem, type Reconciled } from './catalogue.ts';
import { searchCatalogue, type SearchOptions } from './search-index.ts';
import type { LibrarySearchHit } from '../contract/library.ts';

export const LIBRARY_FILE_NAME = 'library.sqlite';

/**
 * `<dataDir>/library.sqlite`: the user's own metadata per idea (tags, a Markdown note, archived, a deletion
 * tombstone), revisioned like annotations (a write names the revision it read; a stale one is a CONFLICT carrying
 * the current row), and the catalogue: every entry the library last listed, with a fingerprint and the change
 * number (`seq`) it last changed at, which is what `changedSince` cursors count, plus the FTS5 search index.
 */
const MIGRATIONS = [
  `CREATE TABLE meta (
     idea_id TEXT PRIMARY KEY,
     tags TEXT NOT NULL,
     note TEXT NOT NULL,
     archived INTEGER NOT NULL,
     revision INTEGER NOT NULL,
     updated_at TEXT NOT NULL,
     deleted_at INTEGER
   );
   CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE catalogue (
     doc INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     source TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     seq INTEGER NOT NULL,
     present INTEGER NOT NULL
   );
   CREATE INDEX catalogue_seq ON catalogue(seq);
   CREATE VIRTUAL TABLE search USING fts5(title, abstract, note, transcript, tokenize = 'unicode61 remove_diacritics 2');`,
];

interface MetaRow {
  idea_id: string;
  tags: string;
  note: string;
  archived: number;
  revision: number;
  updated_at: string;
  deleted_at: number | null;
}

/** A meta row with its tombstone (deletedAt, ms), which the contract's record does not show. */
export interface StoredMeta extends LibraryMeta {
  deletedAt: number | null;
}

const blank = (ideaId: string): StoredMeta => ({
  ideaId,
  tags: [],
  note: '',
  archived: false,
  revision: 0,
  updatedAt: null,
  deletedAt: null,
});

function fromRow(row: MetaRow): StoredMeta {
  return {
    ideaId: row.idea_id,
    tags: JSON.parse(row.tags) as string[],
    note: row.note,
    archived: row.archived === 1,
    revision: row.revision,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** The record the channels answer with (no tombstone field). */
export const publicMeta = ({ deletedAt: _d, ...meta }: StoredMeta): LibraryMeta => meta;

export interface MetaPatch {
  tags?: string[];
  note?: string;
  archived?: boolean;
  deletedAt?: number | null;
}

export class LibraryStore extends MigratedSqliteStore {
  constructor(dataDir: string) {
    super(join(dataDir, LIBRARY_FILE_NAME), MIGRATIONS);
  }

  /** This file's identity: a cursor from another file (recreated, another data dir) is not ours. */
  catalogueId(): string {
    const read = (): string | undefined =>
      (
        this.db.prepare("SELECT value FROM info WHERE key = 'catalogue'").get() as
          { value: string } | undefined
      )?.value;
    return (
      read() ??
      this.db
        .transaction(() => {
          this.db
            .prepare("INSERT OR IGNORE INTO info (key, value) VALUES ('catalogue', ?)")
            .run(randomUUID());
          return read() as string;
        })
        .immediate()
    );
  }

  meta(ideaId: string): StoredMeta {
    const row = this.db.prepare('SELECT * FROM meta WHERE idea_id = ?').get(ideaId) as MetaRow | undefined;
    return row ? fromRow(row) : blank(ideaId);
  }

  allMeta(): Map<string, StoredMeta> {
    const rows = this.db.prepare('SELECT * FROM meta').all() as MetaRow[];
    return new Map(rows.map((row) => [row.idea_id, fromRow(row)]));
  }

  /**
   * Compare-and-set under an IMMEDIATE transaction: `baseRevision` undefined applies to whatever is stored (the
   * archive toggle), a number must match the stored revision or the write is refused with the current row.
   * `check` may refuse the change on the current row (e.g. deleting what is not archived).
   */
  write(
    ideaId: string,
    baseRevision: number | undefined,
    patch: MetaPatch,
    check: (current: StoredMeta) => void = () => {},
  ): StoredMeta {
    return this.db
      .transaction((): StoredMeta => {
        const current = this.meta(ideaId);
        if (baseRevision !== undefined && baseRevision !== current.revision) {
          throw new AppError(
            'CONFLICT',
            `The library entry of idea ${ideaId} changed elsewhere (you edited revision ${baseRevision}, ` +
              `it is now revision ${current.revision})`,
            { ideaId, baseRevision, current: publicMeta(current) },
          );
        }
        check(current);
        const next: StoredMeta = {
          ...current,
          ...patch,
          revision: current.revision + 1,
          updatedAt: new Date().toISOString(),
        };
        this.db
          .prepare(
            `INSERT INTO meta (idea_id, tags, note, archived, revision, updated_at, deleted_at)
             VALUES (@ideaId, @tags, @note, @archived, @revision, @updatedAt, @deletedAt)
             ON CONFLICT (idea_id) DO UPDATE SET tags = @tags, note = @note, archived = @archived,
               revision = @revision, updated_at = @updatedAt, deleted_at = @deletedAt`,
          )
          .run({
            ...next,
            tags: JSON.stringify(next.tags),
            archived: next.archived ? 1 : 0,
          });
        return next;
      })
      .immediate();
  }

  /** Brings a deleted idea back while its undo window lasts. */
  undelete(ideaId: string, now = Date.now()): StoredMeta {
    return this.write(ideaId, undefined, { deletedAt: null }, (current) => {
      if (current.deletedAt === null) {
        throw new AppError('NOT_FOUND', `Idea ${ideaId} is not deleted`, { field: 'ideaId', ideaId });
      }
      if (now - current.deletedAt > LIBRARY_UNDO_WINDOW_MS) {
        throw new AppError(
          'NOT_FOUND',
          `Idea ${ideaId} was deleted for good (its undo window ended ${new Date(current.deletedAt + LIBRARY_UNDO_WINDOW_MS).toISOString()})`,
          { field: 'ideaId', ideaId },
        );
      }
    });
  }

  /** Records the entries as listed now (see catalogue.ts). */
  reconcile(
    items: readonly CatalogueItem[],
    keepSources: ReadonlySet<string>,
    transcripts?: (ids: readonly string[]) => Map<string, string>,
  ): Reconciled {
    return reconcileCatalogue(this.db, items, keepSources, transcripts);
  }

  /** Catalogue changes after `seq`: the ids changed (present) and the ids gone. */
  changesAfter(seq: number): { changed: Set<string>; removed: string[] } {
    const rows = this.db.prepare('SELECT id, present FROM catalogue WHERE seq > ?').all(seq) as {
      id: string;
      present: number;
    }[];
    return {
      changed: new Set(rows.filter((r) => r.present === 1).map((r) => r.id)),
      removed: rows.filter((r) => r.present === 0).map((r) => r.id),
    };
  }

  search(options: SearchOptions): LibrarySearchHit[] {
    return searchCatalogue(this.db, options);
  }
}
