import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphNode } from '../model.ts';
import type { MergeNodesSchema } from '../schemas.ts';
import { mergeIncoming } from '../upsert-merge.ts';
import { appendAudit } from './audit.ts';
import { adoptVectors } from './embeddings.ts';
import { deleteNodeRow, saveNode } from './node-writes.ts';
import type { WriteMeta } from './node-writes.ts';
import { sql } from './open-database.ts';
import { requireVersion } from '../write-checks.ts';
import { EDGE_SELECT, requireNodeRow, rowToEdge, rowToNode } from './rows.ts';
import type { EdgeRow } from './rows.ts';

/**
 * Fold `drop` into `keep`: every edge of `drop` is re-pointed to `keep` (an edge that would duplicate one of
 * keep's or loop onto keep is removed instead), the dropped spellings become aliases, vectors keep lacks are
 * adopted, then `drop` is deleted. Provenance survives as the re-pointed EXTRACTED_FROM edges and the audit log.
 */
export function mergeNodes(
  db: Database,
  input: z.output<typeof MergeNodesSchema>,
  meta: WriteMeta,
): GraphNode {
  const keepRow = requireNodeRow(db, input.keepId, 'keepId');
  const dropRow = requireNodeRow(db, input.dropId, 'dropId');
  requireVersion(keepRow.version, input.expectedKeepVersion, 'Node', input.keepId);
  requireVersion(dropRow.version, input.expectedDropVersion, 'Node', input.dropId);
  const keep = rowToNode(keepRow);
  const drop = rowToNode(dropRow);
  if (keep.kind !== drop.kind) {
    throw new AppError('VALIDATION', `Cannot merge a ${drop.kind} into a ${keep.kind}`, { field: 'dropId' });
  }

  const dropEdges = sql(db, `${EDGE_SELECT} WHERE e.from_seq = ? OR e.to_seq = ?`).all(
    dropRow.seq,
    dropRow.seq,
  ) as EdgeRow[];
  for (const edge of dropEdges) repointEdge(db, edge, dropRow.seq, keepRow, meta);

  adoptVectors(db, { ...dropRow }, { ...keepRow });
  const changes = mergeIncoming(keep, drop);
  const merged = changes ? ({ ...keep, ...changes } as GraphNode) : keep;
  deleteNodeRow(db, dropRow.seq);
  const after = saveNode(db, keepRow.seq, keep, merged, meta);
  appendAudit(db, { ...meta, action: 'node.merge', entityId: keep.id, before: { keep, drop }, after });
  appendAudit(db, {
    ...meta,
    action: 'node.merge',
    entityId: drop.id,
    before: drop,
    after: { mergedInto: keep.id },
  });
  return after;
}

function repointEdge(
  db: Database,
  edge: EdgeRow,
  dropSeq: number,
  keep: { seq: number; id: string },
  meta: WriteMeta,
): void {
  const before = rowToEdge(edge);
  const fromSeq = edge.from_seq === dropSeq ? keep.seq : edge.from_seq;
  const toSeq = edge.to_seq === dropSeq ? keep.seq : edge.to_seq;
  const duplicate = sql(db, 'SELECT 1 FROM edges WHERE from_seq = ? AND type = ? AND to_seq = ?').get(
    fromSeq,
    edge.type,
    toSeq,
  );
  if (fromSeq === toSeq || duplicate) {
    sql(db, 'DELETE FROM edges WHERE seq = ?').run(edge.seq);
    appendAudit(db, { ...meta, action: 'edge.delete', entityId: edge.id, before, after: null });
    return;
  }
  sql(
    db,
    'UPDATE edges SET from_seq = ?, to_seq = ?, updated_by = ?, updated_at = ?, version = ? WHERE seq = ?',
  ).run(fromSeq, toSeq, meta.actor, meta.at, edge.version + 1, edge.seq);
  const after = {
    ...before,
    from: edge.from_seq === dropSeq ? keep.id : before.from,
    to: edge.to_seq === dropSeq ? keep.id : before.to,
    updatedBy: meta.actor,
    updatedAt: meta.at,
    version: edge.version + 1,
  };
  appendAudit(db, { ...meta, action: 'edge.update', entityId: edge.id, before, after });
}
