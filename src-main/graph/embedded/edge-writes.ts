import type { Database } from 'better-sqlite3';
import type { GraphEdge } from '../model.ts';
import { sql } from './open-database.ts';

/** Edge rows: writes only, inside the caller's transaction (the rules are in graph/rules/edge-rules.ts). */

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

/** Review, origin, stamps, version and (after a merge) endpoints. */
export function saveEdgeRow(db: Database, edge: GraphEdge, fromSeq: number, toSeq: number): void {
  sql(
    db,
    `UPDATE edges SET from_seq = ?, to_seq = ?, origin = ?, review = ?, updated_by = ?, updated_at = ?, version = ?
     WHERE id = ?`,
  ).run(fromSeq, toSeq, edge.origin, edge.review, edge.updatedBy, edge.updatedAt, edge.version, edge.id);
}

export function deleteEdgeRow(db: Database, id: string): void {
  sql(db, 'DELETE FROM edges WHERE id = ?').run(id);
}
