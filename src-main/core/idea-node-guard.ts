import type { GraphNode } from '../graph/model.ts';
import { AppError } from '../shared/errors.ts';

/**
 * An Idea node mirrors its idea (ideator/graph-writeback.ts: title, abstract, status and review follow the idea
 * on every sync), so a hand edit of those fields through the graph would be overwritten without a word at the
 * next sync. Such writes are refused here and pointed at Ideate; aliases stay free to edit.
 */
export function refuseIdeaMirrorWrite(
  node: GraphNode,
  what: 'name' | 'description' | 'review',
  field: string,
): void {
  if (node.kind !== 'Idea') return;
  const action =
    what === 'review' ? 'accept or reject it' : `change its ${what === 'name' ? 'title' : 'abstract'}`;
  throw new AppError(
    'VALIDATION',
    `"${node.name}" is an idea written by the ideator: ${action} in Ideate; its graph node follows the idea`,
    { field },
  );
}
