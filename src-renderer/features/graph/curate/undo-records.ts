import type { SkippedEdge } from '../../../../src-main/contract/graph-curation.ts';
import type { GraphNode, ReviewState } from '../../../../src-main/contract/graph.ts';
import { invoke } from '../../../lib/api/client.ts';
import { undoStack } from './undo-stack.svelte.ts';
import type { UndoOutcome } from './undo-stack.svelte.ts';

/**
 * Undo entries for node edits, review decisions, deletes and merges. A delete or merge leaves an undo token the
 * core signed (what was removed); giving it back restores the nodes and the edges that still fit.
 */

/** A node name as an undo label shows it: quoted, cut at 40 characters. */
export const quote = (name: string): string => `“${name.length > 40 ? `${name.slice(0, 39)}…` : name}”`;

/** The inverse of an edit saved through the node editor: the old values, against the version it produced. */
export function recordEditUndo(before: GraphNode, after: GraphNode): void {
  undoStack.push({
    label: `edit of ${quote(after.name)}`,
    revert: async () => {
      await invoke('graph.update', {
        id: after.id,
        expectedVersion: after.version,
        patch: { name: before.name, description: before.description, aliases: before.aliases },
      });
      return [after.id];
    },
  });
}

/** The inverse of a review decision: each node back to the state it had, against the version it now has. */
export function recordReviewUndo(before: GraphNode[], after: GraphNode[], decision: ReviewState): void {
  const previous = new Map(before.map((n) => [n.id, n.review]));
  const changed = after.filter((n) => previous.get(n.id) !== n.review);
  if (changed.length === 0) return;
  const verb = decision === 'approved' ? 'approval' : 'rejection';
  undoStack.push({
    label:
      changed.length === 1
        ? `${verb} of ${quote(changed[0]?.name ?? '')}`
        : `${verb} of ${changed.length} nodes`,
    revert: async () => {
      for (const state of ['proposed', 'approved', 'rejected'] as const) {
        const items = changed
          .filter((n) => previous.get(n.id) === state)
          .map((n) => ({ id: n.id, expectedVersion: n.version }));
        if (items.length) await invoke('graph.review', { decision: state, items });
      }
      return changed.map((n) => n.id);
    },
  });
}

/** Undo of a delete: the node and its note back as they were, with the edges whose other end still exists. */
export function recordDeleteUndo(node: GraphNode, undo: string | null): void {
  if (!undo) return;
  undoStack.push({
    label: `delete of ${quote(node.name)}`,
    revert: async () => {
      const result = await invoke('graph.restoreDeleted', { undo });
      return { ...outcome([node.id], result.edgesSkipped), select: node.id };
    },
  });
}

/** Undo of a merge: the survivor's name, aliases and note as before, the folded nodes, notes and edges back. */
export function recordMergeUndo(keep: GraphNode, drops: GraphNode[], undo: string | null): void {
  if (!undo) return;
  undoStack.push({
    label: drops.length === 1 ? `merge of ${quote(drops[0]?.name ?? '')}` : `merge of ${drops.length} nodes`,
    revert: async () => {
      const result = await invoke('graph.unmerge', { undo });
      const done = outcome([keep.id, ...result.restored.map((n) => n.id)], result.edgesSkipped);
      if (result.keepNote !== 'kept-changed') return done;
      // Someone saved the survivor's note after the merge: theirs stays, so the folded notes are still in it too.
      const kept = `The note of ${quote(keep.name)} was changed since the merge and was kept as it is.`;
      return { ...done, note: [done.note, kept].filter(Boolean).join(' ') };
    },
  });
}

function outcome(ids: string[], skipped: SkippedEdge[]): UndoOutcome {
  if (skipped.length === 0) return { ids, note: '' };
  const gone = skipped.filter((s) => s.reason === 'endpoint-missing').length;
  const parts = [
    gone ? `${gone} edge(s) not restored: the node at the other end was deleted` : '',
    skipped.length > gone ? `${skipped.length - gone} edge(s) were added again or moved since` : '',
  ];
  return { ids, note: `${parts.filter(Boolean).join('; ')}.` };
}
