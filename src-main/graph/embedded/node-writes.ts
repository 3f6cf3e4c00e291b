import type { Database } from 'better-sqlite3';
import type { GraphNode } from '../model.ts';
import { removeVectors, syncVectorMetadata } from './embeddings.ts';
import { indexNodeText, removeNodeText } from './fts.ts';
import { sql } from './open-database.ts';
import type { NodeRow } from './rows.ts';

/** Node rows: writes only, inside the caller's transaction (the rules are in graph/rules/node-rules.ts). */

/** Insert a complete node (new or restored) and index its text; returns its seq. */
export function writeNewNode(db: Database, node: GraphNode): number {
  const f = nodeToRowFields(node);
  const info = sql(
    db,
    `INSERT INTO nodes (id, kind, name, normalized_name, description, aliases, level, props, origin, review,
      created_by, updated_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    f.id,
    f.kind,
    f.name,
    f.normalized_name,
    f.description,
    f.aliases,
    f.level,
    f.props,
    f.origin,
    f.review,
    f.created_by,
    f.updated_by,
    f.created_at,
    f.updated_at,
    f.version,
  );
  const seq = Number(info.lastInsertRowid);
  indexNodeText(db, seq, node.name, node.aliases, node.description, true);
  return seq;
}

function nodeToRowFields(node: GraphNode): Omit<NodeRow, 'seq'> {
  return {
    id: node.id,
    kind: node.kind,
    name: node.name,
    normalized_name: node.normalizedName,
    description: node.description,
    aliases: JSON.stringify(node.aliases),
    level: node.level,
    props: JSON.stringify(node.props),
    origin: node.origin,
    review: node.review,
    created_by: node.createdBy,
    updated_by: node.updatedBy,
    created_at: node.createdAt,
    updated_at: node.updatedAt,
    version: node.version,
  };
}

/** Write a changed node's row; the text index and the vector filter columns follow. */
export function saveNodeRow(db: Database, seq: number, before: GraphNode, next: GraphNode): void {
  const f = nodeToRowFields(next);
  sql(
    db,
    `UPDATE nodes SET name = ?, normalized_name = ?, description = ?, aliases = ?, level = ?, props = ?, origin = ?,
      review = ?, updated_by = ?, updated_at = ?, version = ? WHERE seq = ?`,
  ).run(
    f.name,
    f.normalized_name,
    f.description,
    f.aliases,
    f.level,
    f.props,
    f.origin,
    f.review,
    f.updated_by,
    f.updated_at,
    f.version,
    seq,
  );
  indexNodeText(db, seq, next.name, next.aliases, next.description);
  if (next.level !== before.level || next.review !== before.review) {
    syncVectorMetadata(db, { seq, kind: next.kind, level: next.level, review: next.review });
  }
}

/** Remove a node with its edges (foreign-key cascade), text index entry and vectors. */
export function deleteNodeRow(db: Database, seq: number): void {
  removeVectors(db, seq);
  removeNodeText(db, seq);
  sql(db, 'DELETE FROM nodes WHERE seq = ?').run(seq);
}
