import type { Database } from 'better-sqlite3';
import type { GraphNode } from '../model.ts';
import { removeVectors, syncVectorMetadata } from './embeddings.ts';
import { indexNodeText, removeNodeText } from './fts.ts';
import { sql } from './open-database.ts';
import type { NodeRow } from './rows.ts';

/** Node rows: writes only, inside the caller's transaction (the rules are in graph/rules/node-rules.ts). */

/** Insert a complete node (new or restored) and index its text; returns its seq. Named parameters: the row's own fields. */
export function writeNewNode(db: Database, node: GraphNode): number {
  const f = nodeToRowFields(node);
  const info = sql(
    db,
    `INSERT INTO nodes (id, kind, name, normalized_name, description, aliases, level, props, origin, review,
      created_by, updated_by, created_at, updated_at, version)
     VALUES (@id, @kind, @name, @normalized_name, @description, @aliases, @level, @props, @origin, @review,
      @created_by, @updated_by, @created_at, @updated_at, @version)`,
  ).run(f);
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
    `UPDATE nodes SET name = @name, normalized_name = @normalized_name, description = @description,
      aliases = @aliases, level = @level, props = @props, origin = @origin, review = @review,
      updated_by = @updated_by, updated_at = @updated_at, version = @version WHERE seq = @seq`,
  ).run({ ...f, seq });
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
