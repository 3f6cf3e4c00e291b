import { join } from 'node:path';
import { MigratedSqliteStore } from '../../shared/sqlite-store.ts';
import type { NodeNote } from './node-note.ts';
import type { NotesDriver } from './notes-driver.ts';

export const NODE_NOTES_FILE = 'node-notes.sqlite';

// The columns of a note and of each kept revision, keyed by node id (and revision).
const NOTE_COLUMNS =
  'text TEXT NOT NULL, revision INTEGER NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL';
const historyTable = (name: string): string =>
  `CREATE TABLE ${name} (node_id TEXT NOT NULL, ${NOTE_COLUMNS}, PRIMARY KEY (node_id, revision));`;

const MIGRATIONS = [
  `CREATE TABLE node_notes (node_id TEXT PRIMARY KEY, ${NOTE_COLUMNS}); ${historyTable('node_note_history')}`,
  // The first release wrote history rows with revision and text swapped (and so refused a second save of the
  // same text, a key clash); every row it wrote is put right, nothing dropped.
  `${historyTable('node_note_history_fixed')}
   INSERT OR IGNORE INTO node_note_history_fixed (node_id, revision, text, updated_by, updated_at)
     SELECT node_id, CAST(text AS INTEGER), CAST(revision AS TEXT), updated_by, updated_at FROM node_note_history;
   DROP TABLE node_note_history;
   ALTER TABLE node_note_history_fixed RENAME TO node_note_history;`,
];

interface Row {
  node_id: string;
  text: string;
  revision: number;
  updated_by: string;
  updated_at: string;
}

const toNote = (row: Row): NodeNote => ({
  nodeId: row.node_id,
  text: row.text,
  revision: row.revision,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

const UPSERT_NOTE = `INSERT INTO node_notes (node_id, text, revision, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (node_id) DO UPDATE SET text = excluded.text, revision = excluded.revision,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
const UPSERT_HISTORY = `INSERT INTO node_note_history (node_id, text, revision, updated_by, updated_at)
  VALUES (?, ?, ?, ?, ?) ON CONFLICT (node_id, revision) DO UPDATE SET text = excluded.text,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at`;

/**
 * The embedded store's notes: `<dataDir>/node-notes.sqlite`, keyed by node id (stable across renames), every
 * revision kept. Each write is one IMMEDIATE transaction, so two processes on the file cannot both win a save
 * from the same starting point.
 */
export class SqliteNotesDriver extends MigratedSqliteStore implements NotesDriver {
  readonly kind = 'embedded';

  static open(dataDir: string): SqliteNotesDriver {
    return new SqliteNotesDriver(join(dataDir, NODE_NOTES_FILE), MIGRATIONS);
  }

  get(nodeId: string): Promise<NodeNote | null> {
    return Promise.resolve(this.read(nodeId));
  }

  history(nodeId: string, limit: number): Promise<NodeNote[]> {
    const rows = this.db
      .prepare('SELECT * FROM node_note_history WHERE node_id = ? ORDER BY revision DESC LIMIT ?')
      .all(nodeId, limit) as Row[];
    return Promise.resolve(rows.map(toNote));
  }

  update(nodeId: string, next: (current: NodeNote | null) => NodeNote): Promise<NodeNote> {
    try {
      return Promise.resolve(this.db.transaction(() => this.write(next(this.read(nodeId)))).immediate());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  remove(nodeIds: readonly string[]): Promise<void> {
    this.db
      .transaction(() => {
        for (const id of nodeIds) {
          this.db.prepare('DELETE FROM node_notes WHERE node_id = ?').run(id);
          this.db.prepare('DELETE FROM node_note_history WHERE node_id = ?').run(id);
        }
      })
      .immediate();
    return Promise.resolve();
  }

  all(): Promise<NodeNote[]> {
    const rows = this.db.prepare('SELECT * FROM node_notes ORDER BY node_id').all() as Row[];
    return Promise.resolve(rows.map(toNote));
  }

  put(notes: readonly NodeNote[], replace: boolean): Promise<void> {
    this.db
      .transaction(() => {
        if (replace) this.db.exec('DELETE FROM node_notes; DELETE FROM node_note_history;');
        for (const note of notes) this.write(note);
      })
      .immediate();
    return Promise.resolve();
  }

  override close(): Promise<void> {
    super.close();
    return Promise.resolve();
  }

  private read(nodeId: string): NodeNote | null {
    const row = this.db.prepare('SELECT * FROM node_notes WHERE node_id = ?').get(nodeId) as Row | undefined;
    return row ? toNote(row) : null;
  }

  private write(note: NodeNote): NodeNote {
    const values = [note.nodeId, note.text, note.revision, note.updatedBy, note.updatedAt];
    this.db.prepare(UPSERT_NOTE).run(...values);
    this.db.prepare(UPSERT_HISTORY).run(...values);
    return note;
  }
}
