import { z } from 'zod';
import { parseInput } from '../parse-input.ts';
import type { NodeNote } from './node-note.ts';

/**
 * The notes part of a delete's or a merge's undo token (core/undo-token.ts carries it beside the graph's record).
 * Untrusted on the way back like the rest of the record: parsed here, size-limited, its node ids checked against
 * the graph record by the caller. A merge can grow a note past NOTE_MAX_BYTES (it never drops text), so the limit
 * here is wider; a note past it makes the write not undoable, as too many edges do.
 */

export const UNDO_NOTE_MAX_BYTES = 512 * 1024;

const NoteSchema = z.strictObject({
  nodeId: z.string().min(1).max(200),
  text: z.string().refine((text) => Buffer.byteLength(text, 'utf8') <= UNDO_NOTE_MAX_BYTES, {
    message: `at most ${UNDO_NOTE_MAX_BYTES / 1024} KB`,
  }),
  revision: z.int().min(1),
  updatedBy: z.string().max(200),
  updatedAt: z.string().max(64),
});

/** Only the ids the notes are checked against; the store parses the whole graph record itself. */
const Owner = z.looseObject({ id: z.string() });

/** A delete's undo: the graph's record and the note the node had (null: none), which must be that node's. */
export const DeleteUndoSchema = z
  .strictObject({ graph: z.looseObject({ node: Owner }), note: NoteSchema.nullable() })
  .refine((r) => r.note === null || r.note.nodeId === r.graph.node.id, {
    message: 'is not the deleted node’s note',
    path: ['note', 'nodeId'],
  });

/** What a merge did to notes: the survivor's note before and right after (null: untouched), the drops' notes. */
export const MergeNotesRecordSchema = z.strictObject({
  keep: z.strictObject({ before: NoteSchema.nullable(), after: NoteSchema }).nullable(),
  drops: z.array(NoteSchema).max(20),
});
export const MergeUndoSchema = z
  .strictObject({
    graph: z.looseObject({ keepBefore: Owner, steps: z.array(z.looseObject({ drop: Owner })) }),
    notes: MergeNotesRecordSchema,
  })
  .refine(
    ({ graph, notes: { keep } }) =>
      !keep ||
      (keep.after.nodeId === graph.keepBefore.id &&
        (keep.before?.nodeId ?? keep.after.nodeId) === keep.after.nodeId),
    { message: 'is not the survivor’s note', path: ['notes', 'keep'] },
  )
  .refine(
    ({ graph, notes }) => {
      const drops = new Set(graph.steps.map((s) => s.drop.id));
      return notes.drops.every((n) => drops.delete(n.nodeId));
    },
    { message: 'a note is not a dropped node’s, or is named twice', path: ['notes', 'drops'] },
  );

export type MergeNotesRecord = z.output<typeof MergeNotesRecordSchema>;

/** How an unmerge left the survivor's note. */
export type KeepNoteOutcome = 'restored' | 'kept-changed' | 'untouched';

export function parseDeleteUndo(record: unknown): { graph: unknown; note: NodeNote | null } {
  return parseInput(DeleteUndoSchema, record, 'delete undo record');
}

export function parseMergeUndo(record: unknown): { graph: unknown; notes: MergeNotesRecord } {
  return parseInput(MergeUndoSchema, record, 'merge undo record');
}

/** Whether a note fits in an undo token (else the write is not undoable). */
export function noteFitsUndo(note: NodeNote | null): boolean {
  return note === null || Buffer.byteLength(note.text, 'utf8') <= UNDO_NOTE_MAX_BYTES;
}
