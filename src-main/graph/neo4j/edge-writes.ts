import { newEdgeRecord } from '../new-records.ts';
import type { NewEdge } from '../new-records.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import type { GraphEdge } from '../model.ts';
import type { EdgeResult } from '../port.ts';
import type { RemoveEdgeSchema, UpdateEdgeSchema } from '../schemas.ts';
import { checkEdge, notFound, requireVersion } from '../write-checks.ts';
import type { Endpoint } from '../write-checks.ts';
import { edgeToProps, int, toEdge } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import { CREATE_EDGE, DELETE_EDGE, EDGE_BY_ID, FIND_EDGE, SAVE_EDGE } from './queries.ts';
import { firstRow } from './tx.ts';
import type { Row, WriteTx } from './tx.ts';

export type { NewEdge };

export const rowToEdge = (row: Row): GraphEdge => toEdge(row.r as PropertyMap, row.type, row.from, row.to);

export async function edgeById(tx: ManagedTransaction, id: string): Promise<GraphEdge | null> {
  const row = await firstRow(tx, EDGE_BY_ID, { id });
  return row ? rowToEdge(row) : null;
}

async function requireEdge(tx: ManagedTransaction, id: string): Promise<GraphEdge> {
  const edge = await edgeById(tx, id);
  if (!edge) throw notFound(id, 'id', 'edge');
  return edge;
}

/** Write a complete edge (new or restored). */
export async function writeEdge(w: WriteTx, edge: GraphEdge): Promise<void> {
  const seq = await w.nextSeq();
  await w.rows(CREATE_EDGE[edge.type], { from: edge.from, to: edge.to, props: edgeToProps(edge, seq) });
}

/** Insert unless the same (from, type, to) exists; idempotent. */
export async function insertEdge(
  w: WriteTx,
  edge: NewEdge,
  from: Endpoint,
  to: Endpoint,
  audit = true,
): Promise<EdgeResult> {
  checkEdge(edge.type, from, to);
  const found = await w.first(FIND_EDGE[edge.type], { from: from.id, to: to.id });
  if (found) return { edge: rowToEdge(found), created: false };
  const created = newEdgeRecord(edge, from.id, to.id, w.meta);
  await writeEdge(w, created);
  if (audit) w.audit({ action: 'edge.create', entityId: created.id, before: null, after: created });
  return { edge: created, created: true };
}

export async function updateEdge(w: WriteTx, input: z.output<typeof UpdateEdgeSchema>): Promise<GraphEdge> {
  const before = await requireEdge(w.tx, input.id);
  requireVersion(before.version, input.expectedVersion, 'Edge', input.id);
  const after: GraphEdge = {
    ...before,
    origin: input.patch.origin ?? before.origin,
    review: input.patch.review ?? before.review,
    updatedBy: w.meta.actor,
    updatedAt: w.meta.at,
    version: before.version + 1,
  };
  await w.rows(SAVE_EDGE[before.type], {
    id: before.id,
    props: {
      origin: after.origin,
      review: after.review,
      updatedBy: after.updatedBy,
      updatedAt: after.updatedAt,
      version: int(after.version),
    },
  });
  w.audit({ action: 'edge.update', entityId: before.id, before, after });
  return after;
}

export async function removeEdge(w: WriteTx, input: z.output<typeof RemoveEdgeSchema>): Promise<void> {
  const edge = await requireEdge(w.tx, input.id);
  requireVersion(edge.version, input.expectedVersion, 'Edge', input.id);
  await w.rows(DELETE_EDGE[edge.type], { id: edge.id });
  w.audit({ action: 'edge.delete', entityId: edge.id, before: edge, after: null });
}
