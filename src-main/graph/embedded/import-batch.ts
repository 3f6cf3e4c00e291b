import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { NodeKind } from '../model.ts';
import { normalizeName } from '../normalize-name.ts';
import type { ImportResult } from '../port.ts';
import type { ImportBatchSchema, NodeRefSchema } from '../schemas.ts';
import { insertEdge } from './edge-writes.ts';
import type { EdgeEndpoint } from './edge-writes.ts';
import { ensureModel, putVector, toFloat32 } from './embeddings.ts';
import { upsertNode } from './node-writes.ts';
import type { WriteMeta } from './node-writes.ts';
import { nodeRowById, nodeRowByName, rowToNode } from './rows.ts';

type Batch = z.output<typeof ImportBatchSchema>;
type NodeRef = z.output<typeof NodeRefSchema>;

/** Re-throw a typed error with its field prefixed by the batch path (`edges.12.to`), so the user finds the item. */
function atPath<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof AppError) {
      const details = (err.details ?? {}) as Record<string, unknown>;
      const field = typeof details.field === 'string' ? `${path}.${details.field}` : path;
      throw new AppError(err.code, `${path}: ${err.message}`, { ...details, field });
    }
    throw err;
  }
}

const refKey = (kind: string, name: string): string => `${kind}\u0000${normalizeName(name)}`;

/** Runs inside the caller's transaction: the first bad item throws and nothing of the batch stays. */
export function importBatch(db: Database, batch: Batch, meta: WriteMeta): ImportResult {
  const result: ImportResult = {
    nodesCreated: 0,
    nodesMerged: 0,
    edgesCreated: 0,
    embeddingsSet: 0,
    nodeIds: [],
  };
  const byName = new Map<string, EdgeEndpoint>();

  batch.nodes.forEach((input, index) => {
    atPath(`nodes.${index}`, () => {
      const { embedding, ...nodeInput } = input;
      const upserted = upsertNode(db, nodeInput, meta);
      const node = upserted.node;
      if (upserted.created) result.nodesCreated++;
      else if (upserted.changed) result.nodesMerged++;
      result.nodeIds.push(node.id);
      byName.set(refKey(node.kind, node.name), { seq: upserted.seq, id: node.id, kind: node.kind });
      if (embedding) {
        const vector = toFloat32(embedding.vector);
        const info = atPath('embedding', () => ensureModel(db, embedding.model, vector.length));
        atPath('embedding', () =>
          putVector(db, info, { ...node, seq: upserted.seq }, vector, upserted.created),
        );
        result.embeddingsSet++;
      }
    });
  });

  const resolve = (ref: NodeRef, field: string): EdgeEndpoint => {
    if ('id' in ref) {
      const row = nodeRowById(db, ref.id);
      if (row) return { seq: row.seq, id: row.id, kind: row.kind as NodeKind };
    } else {
      const known = byName.get(refKey(ref.kind, ref.name));
      if (known) return known;
      const row = nodeRowByName(db, ref.kind, normalizeName(ref.name));
      if (row) return { seq: row.seq, id: row.id, kind: rowToNode(row).kind };
    }
    throw new AppError('NOT_FOUND', `Edge endpoint not found: ${JSON.stringify(ref)}`, { field });
  };

  batch.edges.forEach((edge, index) => {
    atPath(`edges.${index}`, () => {
      const from = resolve(edge.from, 'from');
      const to = resolve(edge.to, 'to');
      if (insertEdge(db, edge, from, to, meta).created) result.edgesCreated++;
    });
  });
  return result;
}
