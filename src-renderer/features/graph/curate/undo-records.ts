import type { GraphNode, ReviewState } from '../../../../src-main/contract/graph.ts';
import { invoke } from '../../../lib/api/client.ts';
import { undoStack } from './undo-stack.svelte.ts';

/** Undo entries for the writes graph-state makes itself (node edits, review decisions). */

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
