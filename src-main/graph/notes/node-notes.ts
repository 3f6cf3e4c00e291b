import { AppError } from '../../shared/errors.ts';
import { NOTE_MAX_BYTES, type NodeNote } from './node-note.ts';
import type { NotesDriver } from './notes-driver.ts';
import type { KeepNoteOutcome, MergeNotesRecord } from './note-undo.ts';

/** A dropped node of a merge whose note moves to the survivor. */
export interface MergedNoteSource {
  id: string;
  name: string;
}

/**
 * The one notes service over either driver: the size limit, the revision check (a stale `expectedRevision` is
 * CONFLICT carrying the stored note), who saved and when, and what deletes and merges do to notes.
 */
export class NodeNotes {
  private readonly driver: NotesDriver;

  constructor(driver: NotesDriver) {
    this.driver = driver;
  }

  get kind(): NotesDriver['kind'] {
    return this.driver.kind;
  }

  get(nodeId: string): Promise<NodeNote | null> {
    return this.driver.get(nodeId);
  }

  history(nodeId: string, limit = 50): Promise<NodeNote[]> {
    return this.driver.history(nodeId, limit);
  }

  /** Saves `text` over `expectedRevision` (0: no note yet); a newer revision is CONFLICT with the stored note. */
  async save(
    input: { nodeId: string; expectedRevision: number; text: string },
    actor: string,
  ): Promise<NodeNote> {
    if (Buffer.byteLength(input.text, 'utf8') > NOTE_MAX_BYTES) {
      throw new AppError('VALIDATION', `The note is longer than ${NOTE_MAX_BYTES / 1024} KB`, {
        field: 'text',
      });
    }
    return this.driver.update(input.nodeId, (current) => {
      const revision = current?.revision ?? 0;
      if (revision !== input.expectedRevision) {
        throw new AppError(
          'CONFLICT',
          `The note was saved by ${current?.updatedBy ?? 'someone'} since you opened it (revision ${revision}, yours ${input.expectedRevision})`,
          { field: 'expectedRevision', current },
        );
      }
      return stamped(input.nodeId, input.text, revision + 1, actor);
    });
  }

  /** A deleted node's note goes with it. */
  removeFor(nodeIds: readonly string[]): Promise<void> {
    return nodeIds.length > 0 ? this.driver.remove(nodeIds) : Promise.resolve();
  }

  /**
   * After a merge the survivor keeps its note and the dropped nodes' notes are appended under a heading naming
   * where they came from (over the size limit if need be: a merge never loses text); then the drops' notes go.
   */
  async merge(keepId: string, drops: readonly MergedNoteSource[], actor: string): Promise<NodeNote | null> {
    const moved: { from: MergedNoteSource; note: NodeNote }[] = [];
    for (const from of drops) {
      const note = await this.driver.get(from.id);
      if (note && note.text.trim() !== '') moved.push({ from, note });
    }
    let kept: NodeNote | null = null;
    if (moved.length > 0) {
      kept = await this.driver.update(keepId, (current) => {
        const parts = current && current.text.trim() !== '' ? [current.text] : [];
        for (const { from, note } of moved) {
          parts.push(
            `---\n\n**Merged from "${from.name}"** (${note.updatedBy}, ${note.updatedAt}):\n\n${note.text}`,
          );
        }
        return stamped(keepId, parts.join('\n\n'), (current?.revision ?? 0) + 1, actor);
      });
    }
    await this.removeFor(drops.map((d) => d.id));
    return kept;
  }

  /**
   * Undo of a delete: the note back as it was (revision, author, time), as the node comes back as it was. Its
   * history went with the delete, so nobody holds a later revision. A note already there is CONFLICT.
   */
  async restore(note: NodeNote): Promise<NodeNote> {
    return this.driver.update(note.nodeId, (current) => {
      if (current) {
        throw new AppError('CONFLICT', `A note was written for this node since it was removed`, {
          field: 'note',
          current,
        });
      }
      return note;
    });
  }

  /**
   * Undo of a merge: the drops' notes back as they were, and the survivor's note back to what it was before the
   * merge as a new revision by `actor` (others may have read the merged one), unless someone saved it since the
   * merge: then theirs is kept ('kept-changed'). A survivor without a note before gets an empty one (the merged
   * text stays in its history).
   */
  async unmerge(record: MergeNotesRecord, actor: string): Promise<KeepNoteOutcome> {
    for (const note of record.drops) await this.restore(note);
    const { keep } = record;
    if (!keep) return 'untouched';
    const { before, after } = keep;
    let outcome: KeepNoteOutcome = 'restored';
    await this.driver
      .update(after.nodeId, (current) => {
        if (!current || current.revision !== after.revision || current.text !== after.text) {
          outcome = 'kept-changed';
          throw new KeptChanged();
        }
        return stamped(after.nodeId, before?.text ?? '', current.revision + 1, actor);
      })
      .catch((err: unknown) => {
        if (!(err instanceof KeptChanged)) throw err;
      });
    return outcome;
  }

  all(): Promise<NodeNote[]> {
    return this.driver.all();
  }

  /** Notes from a dump or another store, as they were. */
  put(notes: readonly NodeNote[], replace: boolean): Promise<void> {
    return this.driver.put(notes, replace);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/**
 * The survivor's note was saved since the merge: nothing to write. An AppError, so a driver passes it through
 * as it is (the Neo4j driver maps any other throw to INTERNAL) and the transaction rolls back.
 */
class KeptChanged extends AppError<'CONFLICT'> {
  constructor() {
    super('CONFLICT', 'The note was saved since the merge', { field: 'note' });
  }
}

function stamped(nodeId: string, text: string, revision: number, actor: string): NodeNote {
  return { nodeId, text, revision, updatedBy: actor, updatedAt: new Date().toISOString() };
}
