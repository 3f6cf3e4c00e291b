import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphEdge, GraphNode } from '../model.ts';
import type { MergeNodesSchema } from '../schemas.ts';
import { mergeIncoming } from '../upsert-merge.ts';
import { requireVersion } from '../write-checks.ts';
import { rowToEdge } from './edge-writes.ts';
import { int } from './mapping.ts';
import { requireNode, saveNode } from './node-writes.ts';
import { ADOPT_VECTORS, DELETE_EDGE, DELETE_NODE, FIND_EDGE, NODE_EDGES, REPOINT_EDGE } from './queries.ts';
import type { WriteTx } from './tx.ts';

/**
 * Fold `drop` into `keep`, as the embedded store does: edges re-pointed (would-be duplicates and self-loops
 * removed), dropped spellings kept as aliases, vectors keep lacks adopted, then `drop` deleted.
 */
export async function mergeNodes(w: WriteTx, input: z.output<typeof MergeNodesSchema>): Promise<GraphNode> {
  const keep = await requireNode(w.tx, input.keepId, 'keepId');
  const drop = await requireNode(w.tx, input.dropId, 'dropId');
  requireVersion(keep.version, input.expectedKeepVersion, 'Node', input.keepId);
  requireVersion(drop.version, input.expectedDropVersion, 'Node', input.dropId);
  if (keep.kind !== drop.kind) {
    throw new AppError('VALIDATION', `Cannot merge a ${drop.kind} into a ${keep.kind}`, { field: 'dropId' });
  }
  const dropEdges = (await w.rows(NODE_EDGES, { id: drop.id })).map(rowToEdge);
  for (const edge of dropEdges) await repointEdge(w, edge, drop.id, keep.id);

  await w.rows(ADOPT_VECTORS, { dropId: drop.id, keepId: keep.id });
  const changes = mergeIncoming(keep, drop);
  const merged = changes ? ({ ...keep, ...changes } as GraphNode) : keep;
  await w.rows(DELETE_NODE, { id: drop.id });
  const after = await saveNode(w, keep, merged);
  w.audit({ action: 'node.merge', entityId: keep.id, before: { keep, drop }, after });
  w.audit({ action: 'node.merge', entityId: drop.id, before: drop, after: { mergedInto: keep.id } });
  return after;
}

async function repointEdge(w: WriteTx, before: GraphEdge, dropId: string, keepId: string): Promise<void> {
  const from = before.from === dropId ? keepId : before.from;
  const to = before.to === dropId ? keepId : before.to;
  const duplicate = await w.first(FIND_EDGE[before.type], { from, to });
  if (from === to || duplicate) {
    await w.rows(DELETE_EDGE[before.type], { id: before.id });
    w.audit({ action: 'edge.delete', entityId: before.id, before, after: null });
    return;
  }
  const after = {
    ...before,
    from,
    to,
    updatedBy: w.meta.actor,
    updatedAt: w.meta.at,
    version: before.version + 1,
  };
  await w.rows(REPOINT_EDGE[before.type], {
    id: before.id,
    from,
    to,
    props: { updatedBy: after.updatedBy, updatedAt: after.updatedAt, version: int(after.version) },
  });
  w.audit({ action: 'edge.update', entityId: before.id, before, after });
}
