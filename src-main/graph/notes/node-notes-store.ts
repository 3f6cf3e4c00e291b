import { join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { MigratedSqliteStore } from '../../shared/sqlite-store.ts';
import type { NodeNote } from './node-note.ts';

export const NODE_NOTES_FILE = 'node-notes.sqlite';
/** Far more than a note needs; a pasted book is refused, not stored. */
import { NOTE_MAX_BYTES } from './node-note.ts';

export type { NodeNote } from './node-note.ts';

const MIGRATIONS = [
  `CREATE TABLE node_notes (
     node_id TEXT PRIMARY KEY,
     text TEXT NOT NULL,
     revision INTEGER NOT NULL,
     updated_by TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE node_note_history (
     node_id TEXT NOT NULL,
     revision INTEGER NOT NULL,
     text TEXT NOT NULL,
     updated_by TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (node_id, revision)
   );`,
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

/**
 * `<dataDir>/node-notes.sqlite`: the user's notes on graph nodes, keyed by node id (stable across renames and
 * merges), every revision kept. A save is compare-and-set on the revision inside an IMMEDIATE transaction, so
 * two writers (two windows, the app and the CLI) cannot both win from the same starting point.
 */
export class NodeNotesStore extends MigratedSqliteStore {
  static open(dataDir: string): NodeNotesStore {
    return new NodeNotesStore(join(dataDir, NODE_NOTES_FILE), MIGRATIONS);
  }

  get(nodeId: string): NodeNote | null {
    const row = this.db.prepare('SELECT * FROM node_notes WHERE node_id = ?').get(nodeId) as Row | undefined;
    return row ? toNote(row) : null;
  }

  /** Newest first. */
  history(nodeId: string, limit = 50): NodeNote[] {
    const rows = this.db
      .prepare('SELECT * FROM node_note_history WHERE node_id = ? ORDER BY revision DESC LIMIT ?')
      .all(nodeId, limit) as Row[];
    return rows.map(toNote);
  }

  /** Saves `text` over `expectedRevision` (0: no note yet); a newer revision is CONFLICT with the stored note. */
  save(input: { nodeId: string; expectedRevision: number; text: string }, actor: string): NodeNote {
    if (Buffer.byteLength(input.text, 'utf8') > NOTE_MAX_BYTES) {
      throw new AppError('VALIDATION', `The note is longer than ${NOTE_MAX_BYTES / 1024} KB`, {
        field: 'text',
      });
    }
    return this.db
      .transaction((): NodeNote => {
        const current = this.get(input.nodeId);
        const revision = current?.revision ?? 0;
        if (revision !== input.expectedRevision) {
          throw new AppError(
            'CONFLICT',
            `The note was saved by ${current?.updatedBy ?? 'someone'} since you opened it (revision ${revision}, yours ${input.expectedRevision})`,
            { field: 'expectedRevision', current },
          );
        }
        const note: NodeNote = {
          nodeId: input.nodeId,
          text: input.text,
          revision: revision + 1,
          updatedBy: actor,
          updatedAt: new Date().toISOString(),
        };
        const values = [note.nodeId, note.text, note.revision, note.updatedBy, note.updatedAt];
        this.db
          .prepare(
            `INSERT INTO node_notes (node_id, text, revision, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (node_id) DO UPDATE SET text = excluded.text, revision = excluded.revision,
               updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          )
          .run(...values);
        this.db
          .prepare(
            'INSERT INTO node_note_history (node_id, revision, text, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(...values);
        return note;
      })
      .immediate();
  }
}
