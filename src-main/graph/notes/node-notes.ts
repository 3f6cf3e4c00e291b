import { AppError } from '../../shared/errors.ts';
import { NOTE_MAX_BYTES, type NodeNote } from './node-note.ts';
import type { NotesDriver } from './notes-driver.ts';

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

function stamped(nodeId: string, text: string, revision: number, actor: string): NodeNote {
  return { nodeId, text, revision, updatedBy: actor, updatedAt: new Date().toISOString() };
}
