import { newNodeRecord } from '../new-records.ts';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphNode } from '../model.ts';
import { parseInput } from '../parse-input.ts';
import type { UpsertResult } from '../port.ts';
import { PropsSchemaByKind } from '../schemas.ts';
import type { DeleteNodeSchema, NodeInputSchema, UpdateNodeSchema } from '../schemas.ts';
import { mergeIncoming } from '../upsert-merge.ts';
import { appendAudit } from './audit.ts';
import { removeVectors, syncVectorMetadata } from './embeddings.ts';
import { indexNodeText, removeNodeText } from './fts.ts';
import { sql } from './open-database.ts';
import { normalizedNameOf, requireVersion } from '../write-checks.ts';
import { nodeRowByName, requireNodeRow, rowToEdge, rowToNode, EDGE_SELECT } from './rows.ts';
import type { EdgeRow, NodeRow } from './rows.ts';

/** Node writes. Callers run each one inside a transaction; these functions only assume they are in one. */

export interface WriteMeta {
  actor: string;
  at: string;
}

type ParsedNodeInput = z.output<typeof NodeInputSchema>;

export function insertNode(db: Database, input: ParsedNodeInput, meta: WriteMeta, audit = true): NodeRow {
  const node = newNodeRecord(input, meta);
  const seq = writeNewNode(db, node);
  if (audit)
    appendAudit(db, { ...meta, action: 'node.create', entityId: node.id, before: null, after: node });
  return { ...nodeToRowFields(node), seq };
}

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

/** Save a changed node: one version up, stamped with the writer; text index and vector filters follow. */
export function saveNode(
  db: Database,
  seq: number,
  before: GraphNode,
  changed: GraphNode,
  meta: WriteMeta,
): GraphNode {
  const next = {
    ...changed,
    updatedBy: meta.actor,
    updatedAt: meta.at,
    version: before.version + 1,
  } as GraphNode;
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
  return next;
}

export function upsertNode(
  db: Database,
  input: ParsedNodeInput,
  meta: WriteMeta,
  audit = true,
): UpsertResult & { seq: number } {
  const existing = nodeRowByName(db, input.kind, normalizedNameOf(input.name, 'name'));
  if (!existing) {
    const row = insertNode(db, input, meta, audit);
    return { node: rowToNode(row), created: true, changed: true, seq: row.seq };
  }
  const before = rowToNode(existing);
  const changes = mergeIncoming(before, input);
  if (!changes) return { node: before, created: false, changed: false, seq: existing.seq };
  const after = saveNode(db, existing.seq, before, { ...before, ...changes } as GraphNode, meta);
  if (audit) appendAudit(db, { ...meta, action: 'node.update', entityId: before.id, before, after });
  return { node: after, created: false, changed: true, seq: existing.seq };
}

export function updateNode(
  db: Database,
  input: z.output<typeof UpdateNodeSchema>,
  meta: WriteMeta,
): GraphNode {
  const row = requireNodeRow(db, input.id);
  requireVersion(row.version, input.expectedVersion, 'Node', input.id);
  const before = rowToNode(row);
  const { patch } = input;
  const next = { ...before } as GraphNode & { props: unknown };
  if (patch.name !== undefined && patch.name !== before.name) {
    const normalized = normalizedNameOf(patch.name, 'patch.name');
    const clash = nodeRowByName(db, before.kind, normalized);
    if (clash && clash.seq !== row.seq) {
      throw new AppError('CONFLICT', `A ${before.kind} named ${JSON.stringify(clash.name)} already exists`, {
        field: 'patch.name',
        id: clash.id,
      });
    }
    next.name = patch.name;
    next.normalizedName = normalized;
  }
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.aliases !== undefined) next.aliases = patch.aliases.filter((alias) => alias !== next.name);
  if (patch.level !== undefined) next.level = patch.level;
  if (patch.origin !== undefined) next.origin = patch.origin;
  if (patch.review !== undefined) next.review = patch.review;
  if (patch.props !== undefined) {
    next.props = parseInput(PropsSchemaByKind[before.kind], patch.props, `patch.props for ${before.kind}`);
  }
  const after = saveNode(db, row.seq, before, next, meta);
  appendAudit(db, { ...meta, action: 'node.update', entityId: before.id, before, after });
  return after;
}

export function deleteNode(db: Database, input: z.output<typeof DeleteNodeSchema>, meta: WriteMeta): void {
  const row = requireNodeRow(db, input.id);
  requireVersion(row.version, input.expectedVersion, 'Node', input.id);
  const edges = sql(db, `${EDGE_SELECT} WHERE e.from_seq = ? OR e.to_seq = ?`).all(
    row.seq,
    row.seq,
  ) as EdgeRow[];
  for (const edge of edges) {
    appendAudit(db, {
      ...meta,
      action: 'edge.delete',
      entityId: edge.id,
      before: rowToEdge(edge),
      after: null,
    });
  }
  deleteNodeRow(db, row.seq);
  appendAudit(db, { ...meta, action: 'node.delete', entityId: row.id, before: rowToNode(row), after: null });
}

/** Remove a node with its edges (foreign-key cascade), text index entry and vectors. */
export function deleteNodeRow(db: Database, seq: number): void {
  removeVectors(db, seq);
  removeNodeText(db, seq);
  sql(db, 'DELETE FROM nodes WHERE seq = ?').run(seq);
}
