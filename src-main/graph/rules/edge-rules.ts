import type { z } from 'zod';
import type { GraphWriter } from '../driver.ts';
import type { GraphEdge } from '../model.ts';
import { newEdgeRecord } from '../new-records.ts';
import type { NewEdge } from '../new-records.ts';
import type { EdgeResult } from '../port.ts';
import type { RemoveEdgeSchema, UpdateEdgeSchema } from '../schemas.ts';
import { checkEdge, notFound, requireVersion } from '../write-checks.ts';
import type { Endpoint } from '../write-checks.ts';

/** Edge writes: the rules both stores share, over a driver's write transaction. */

/** The edge `id` as the caller read it: refused when missing, or changed since `expectedVersion` (if given). */
async function requireEdgeAt(
  w: GraphWriter,
  id: string,
  expectedVersion: number | undefined,
): Promise<GraphEdge> {
  const edge = await w.edgeById(id);
  if (!edge) throw notFound(id, 'id', 'edge');
  requireVersion(edge.version, expectedVersion, 'Edge', id);
  return edge;
}

/** Insert unless the same (from, type, to) exists; idempotent. */
export async function insertEdge(
  w: GraphWriter,
  edge: NewEdge,
  from: Endpoint,
  to: Endpoint,
): Promise<EdgeResult> {
  checkEdge(edge.type, from, to);
  const found = await w.findEdge(edge.type, from.id, to.id);
  if (found) return { edge: found, created: false };
  const created = newEdgeRecord(edge, from.id, to.id, w.meta);
  await w.insertEdge(created);
  await w.audit({ action: 'edge.create', entityId: created.id, before: null, after: created });
  return { edge: created, created: true };
}

export async function updateEdge(
  w: GraphWriter,
  input: z.output<typeof UpdateEdgeSchema>,
): Promise<GraphEdge> {
  const before = await requireEdgeAt(w, input.id, input.expectedVersion);
  const after: GraphEdge = {
    ...before,
    origin: input.patch.origin ?? before.origin,
    review: input.patch.review ?? before.review,
    updatedBy: w.meta.actor,
    updatedAt: w.meta.at,
    version: before.version + 1,
  };
  await w.saveEdge(before, after);
  await w.audit({ action: 'edge.update', entityId: before.id, before, after });
  return after;
}

export async function removeEdge(w: GraphWriter, input: z.output<typeof RemoveEdgeSchema>): Promise<void> {
  const edge = await requireEdgeAt(w, input.id, input.expectedVersion);
  await w.deleteEdge(edge);
  await w.audit({ action: 'edge.delete', entityId: edge.id, before: edge, after: null });
}

/** Merge: an edge of the dropped node moves to the keeper, or goes when it would loop or duplicate. */
export async function repointEdge(
  w: GraphWriter,
  before: GraphEdge,
  dropId: string,
  keepId: string,
): Promise<'moved' | 'removed'> {
  const from = before.from === dropId ? keepId : before.from;
  const to = before.to === dropId ? keepId : before.to;
  if (from === to || (await w.findEdge(before.type, from, to))) {
    await w.deleteEdge(before);
    await w.audit({ action: 'edge.delete', entityId: before.id, before, after: null });
    return 'removed';
  }
  const after = {
    ...before,
    from,
    to,
    updatedBy: w.meta.actor,
    updatedAt: w.meta.at,
    version: before.version + 1,
  };
  await w.saveEdge(before, after);
  await w.audit({ action: 'edge.update', entityId: before.id, before, after });
  return 'moved';
}
