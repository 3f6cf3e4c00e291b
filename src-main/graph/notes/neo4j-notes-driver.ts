import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { toAppError } from '../neo4j/errors.ts';
import { int, toNumber, type PropertyMap } from '../neo4j/mapping.ts';
import type { NodeNote } from './node-note.ts';
import type { NotesDriver } from './notes-driver.ts';
import * as q from './neo4j-notes-queries.ts';

// A dump's notes are written in slices, so a lab's thousands of notes do not make one oversized statement.
const PUT_SLICE = 500;

/**
 * The lab's notes in Neo4j: `(:NodeNote {nodeId, text, revision, updatedBy, updatedAt})` and one
 * `(:NodeNoteRevision)` per save, so every member sees every note. The driver is borrowed (the caller closes it):
 * it is the one the Neo4j graph store of the same server uses or one opened beside it.
 */
export class Neo4jNotesDriver implements NotesDriver {
  readonly kind = 'neo4j';

  private readonly driver: Driver;
  private readonly database: string;
  private readonly onClose: () => Promise<void>;

  constructor(driver: Driver, database: string, onClose: () => Promise<void> = () => Promise.resolve()) {
    this.driver = driver;
    this.database = database;
    this.onClose = onClose;
  }

  async get(nodeId: string): Promise<NodeNote | null> {
    const [note] = await this.read(q.NOTE_GET, { nodeId });
    return note ?? null;
  }

  history(nodeId: string, limit: number): Promise<NodeNote[]> {
    return this.read(q.NOTE_HISTORY, { nodeId, limit: int(limit) });
  }

  update(nodeId: string, next: (current: NodeNote | null) => NodeNote): Promise<NodeNote> {
    return this.write(async (tx) => {
      const locked = await tx.run(q.NOTE_LOCK, { nodeId });
      const current = noteOf(locked.records[0]?.get('note') as PropertyMap);
      // A throw here rolls the transaction back, placeholder and all.
      const note = next(current.revision > 0 ? current : null);
      await tx.run(q.NOTE_PUT, { notes: [params(note)] });
      return note;
    });
  }

  async remove(nodeIds: readonly string[]): Promise<void> {
    await this.write(async (tx) => {
      await tx.run(q.NOTE_REMOVE, { nodeIds });
      await tx.run(q.NOTE_REMOVE_HISTORY, { nodeIds });
    });
  }

  all(): Promise<NodeNote[]> {
    return this.read(q.NOTE_ALL, {});
  }

  async put(notes: readonly NodeNote[], replace: boolean): Promise<void> {
    await this.write(async (tx) => {
      if (replace) {
        await tx.run(q.NOTE_CLEAR);
        await tx.run(q.NOTE_CLEAR_HISTORY);
      }
      for (let at = 0; at < notes.length; at += PUT_SLICE) {
        await tx.run(q.NOTE_PUT, { notes: notes.slice(at, at + PUT_SLICE).map(params) });
      }
    });
  }

  close(): Promise<void> {
    return this.onClose();
  }

  private async read(query: string, parameters: Record<string, unknown>): Promise<NodeNote[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      const result = await session.executeRead((tx) => tx.run(query, parameters));
      return result.records.map((r) => noteOf(r.get('note') as PropertyMap));
    } catch (err) {
      throw toAppError(err);
    } finally {
      await session.close();
    }
  }

  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'WRITE' });
    try {
      return await session.executeWrite(work);
    } catch (err) {
      throw toAppError(err);
    } finally {
      await session.close();
    }
  }
}

function noteOf(p: PropertyMap): NodeNote {
  return {
    nodeId: String(p.nodeId),
    text: typeof p.text === 'string' ? p.text : '',
    revision: toNumber(p.revision),
    updatedBy: typeof p.updatedBy === 'string' ? p.updatedBy : '',
    updatedAt: typeof p.updatedAt === 'string' ? p.updatedAt : '',
  };
}

function params(note: NodeNote): Record<string, unknown> {
  return { ...note, revision: int(note.revision) };
}
