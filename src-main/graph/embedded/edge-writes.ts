import { newEdgeRecord } from '../new-records.ts';
import type { NewEdge } from '../new-records.ts';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { EdgeType, GraphEdge, NodeKind } from '../model.ts';
import type { EdgeResult } from '../port.ts';
import type { RemoveEdgeSchema, UpdateEdgeSchema } from '../schemas.ts';
import { appendAudit } from './audit.ts';
import type { WriteMeta } from './node-writes.ts';
import { sql } from './open-database.ts';
import { checkEdge, requireVersion } from '../write-checks.ts';
import { EDGE_SELECT, edgeRowById, rowToEdge } from './rows.ts';
import type { EdgeRow } from './rows.ts';

export interface EdgeEndpoint {
  seq: number;
  id: string;
  kind: NodeKind;
}

export type { NewEdge };

/** The checks every new edge passes, in both single writes and batches (shared with Neo4j). */
export { checkEdge };

function existingEdge(db: Database, fromSeq: number, type: EdgeType, toSeq: number): EdgeRow | undefined {
  // A cheap probe on the unique index first: the joined read is only needed for the rare duplicate.
  const seq = sql(db, 'SELECT seq FROM edges WHERE from_seq = ? AND type = ? AND to_seq = ?')
    .pluck()
    .get(fromSeq, type, toSeq);
  if (seq === undefined) return undefined;
  return sql(db, `${EDGE_SELECT} WHERE e.from_seq = ? AND e.type = ? AND e.to_seq = ?`).get(
    fromSeq,
    type,
    toSeq,
  ) as EdgeRow | undefined;
}

/** Insert unless the same (from, type, to) exists; idempotent. */
export function insertEdge(
  db: Database,
  edge: NewEdge,
  from: EdgeEndpoint,
  to: EdgeEndpoint,
  meta: WriteMeta,
  audit = true,
): EdgeResult {
  checkEdge(edge.type, from, to);
  const found = existingEdge(db, from.seq, edge.type, to.seq);
  if (found) return { edge: rowToEdge(found), created: false };
  const created = newEdgeRecord(edge, from.id, to.id, meta);
  writeEdgeRow(db, created, from.seq, to.seq);
  if (audit)
    appendAudit(db, { ...meta, action: 'edge.create', entityId: created.id, before: null, after: created });
  return { edge: created, created: true };
}

export function writeEdgeRow(db: Database, edge: GraphEdge, fromSeq: number, toSeq: number): void {
  sql(
    db,
    `INSERT INTO edges (id, type, from_seq, to_seq, props, origin, review, created_by, updated_by, created_at,
      updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    edge.id,
    edge.type,
    fromSeq,
    toSeq,
    JSON.stringify(edge.props),
    edge.origin,
    edge.review,
    edge.createdBy,
    edge.updatedBy,
    edge.createdAt,
    edge.updatedAt,
    edge.version,
  );
}

function requireEdgeRow(db: Database, id: string): EdgeRow {
  const row = edgeRowById(db, id);
  if (!row)
    throw new AppError('NOT_FOUND', `No graph edge with id ${JSON.stringify(id)}`, { field: 'id', id });
  return row;
}

export function updateEdge(
  db: Database,
  input: z.output<typeof UpdateEdgeSchema>,
  meta: WriteMeta,
): GraphEdge {
  const row = requireEdgeRow(db, input.id);
  requireVersion(row.version, input.expectedVersion, 'Edge', input.id);
  const before = rowToEdge(row);
  const after: GraphEdge = {
    ...before,
    origin: input.patch.origin ?? before.origin,
    review: input.patch.review ?? before.review,
    updatedBy: meta.actor,
    updatedAt: meta.at,
    version: before.version + 1,
  };
  sql(
    db,
    'UPDATE edges SET origin = ?, review = ?, updated_by = ?, updated_at = ?, version = ? WHERE seq = ?',
  ).run(after.origin, after.review, after.updatedBy, after.updatedAt, after.version, row.seq);
  appendAudit(db, { ...meta, action: 'edge.update', entityId: before.id, before, after });
  return after;
}

export function removeEdge(db: Database, input: z.output<typeof RemoveEdgeSchema>, meta: WriteMeta): void {
  const row = requireEdgeRow(db, input.id);
  requireVersion(row.version, input.expectedVersion, 'Edge', input.id);
  sql(db, 'DELETE FROM edges WHERE seq = ?').run(row.seq);
  appendAudit(db, { ...meta, action: 'edge.delete', entityId: row.id, before: rowToEdge(row), after: null });
}
