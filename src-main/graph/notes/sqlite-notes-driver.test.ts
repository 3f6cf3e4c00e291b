import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeNotesContract } from '../test-support/notes-contract.ts';
import { NodeNotes } from './node-notes.ts';
import { NODE_NOTES_FILE, SqliteNotesDriver } from './sqlite-notes-driver.ts';

let dir = '';
describeNotesContract(
  'embedded (node-notes.sqlite, two handles on one file)',
  () => {
    dir = mkdtempSync(join(tmpdir(), 'motiv-notes-'));
    return Promise.resolve({
      a: new NodeNotes(SqliteNotesDriver.open(dir)),
      b: new NodeNotes(SqliteNotesDriver.open(dir)),
    });
  },
  () => {
    rmSync(dir, { recursive: true, force: true });
    return Promise.resolve();
  },
);

describe('a node-notes.sqlite written by the first notes release', () => {
  it('opens with every note and revision as it was, and saves on from there', async () => {
    const old = mkdtempSync(join(tmpdir(), 'motiv-notes-old-'));
    try {
      // The file as the previous release left it: its one migration, and rows written by its exact statements
      // (whose history insert swapped revision and text).
      const db = new Database(join(old, NODE_NOTES_FILE));
      db.exec(`CREATE TABLE node_notes (node_id TEXT PRIMARY KEY, text TEXT NOT NULL, revision INTEGER NOT NULL,
          updated_by TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE node_note_history (node_id TEXT NOT NULL, revision INTEGER NOT NULL, text TEXT NOT NULL,
          updated_by TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (node_id, revision));
        PRAGMA user_version = 1;`);
      for (const [text, revision, at] of [
        ['older', 1, '2025-12-31T00:00:00.000Z'],
        ['old note', 2, '2026-01-01T00:00:00.000Z'],
      ] as const) {
        const values = ['n1', text, revision, 'ana', at];
        db.prepare(
          `INSERT INTO node_notes (node_id, text, revision, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (node_id) DO UPDATE SET text = excluded.text, revision = excluded.revision,
             updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        ).run(...values);
        db.prepare(
          'INSERT INTO node_note_history (node_id, revision, text, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)',
        ).run(...values);
      }
      db.close();
      const notes = new NodeNotes(SqliteNotesDriver.open(old));
      expect(await notes.get('n1')).toEqual({
        nodeId: 'n1',
        text: 'old note',
        revision: 2,
        updatedBy: 'ana',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      expect((await notes.history('n1')).map((n) => [n.revision, n.text])).toEqual([
        [2, 'old note'],
        [1, 'older'],
      ]);
      // The same text saved again (a key clash in the old history table) is just the next revision.
      expect(
        (await notes.save({ nodeId: 'n1', expectedRevision: 2, text: 'old note' }, 'ben')).revision,
      ).toBe(3);
      await notes.close();
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });
});
