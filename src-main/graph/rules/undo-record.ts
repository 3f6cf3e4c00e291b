import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { DumpEdgeSchema, DumpEmbeddingSchema, DumpNodeSchema } from '../dump-format.ts';
import type { DumpEmbedding } from '../dump-format.ts';
import type { GraphEdge, GraphNode } from '../model.ts';

/**
 * What a delete or a merge removed, as the store hands it back so the write can be undone: whole nodes (id,
 * provenance, version), their edges and vectors. A record coming back is untrusted input: parsed here (errors
 * name the path), then checked against the store by the restore rules (ids free, endpoints present, kinds
 * allowed), so the worst a forged one can do is what `restore` of a dump can.
 */

/** More edges than this and no undo record is kept: a restore is one transaction, and the record travels. */
export const UNDO_EDGES_MAX = 2_000;
const UNDO_VECTORS_MAX = 20;
/** graph.mergeInto folds at most 20 nodes into one. */
const UNDO_MERGE_STEPS_MAX = 20;

const Edges = z.array(DumpEdgeSchema).max(UNDO_EDGES_MAX, `at most ${UNDO_EDGES_MAX} edges`);
const Vectors = z.array(DumpEmbeddingSchema).max(UNDO_VECTORS_MAX);

export const DeletedNodeRecordSchema = z.strictObject({
  node: DumpNodeSchema,
  edges: Edges,
  vectors: Vectors,
});

/** One node folded into the keeper: the node, its vectors, and what happened to each of its edges. */
const MergeStepSchema = z.strictObject({
  drop: DumpNodeSchema,
  dropVectors: Vectors,
  /** Edges re-pointed onto the keeper, as they were before (one end on `drop`). */
  moved: Edges,
  /** Edges removed because they would have duplicated one of the keeper's or looped onto it, as they were. */
  removed: Edges,
  /** Models whose vector the keeper took over from `drop` (it had none). */
  adoptedModels: z.array(z.string().max(200)).max(UNDO_VECTORS_MAX),
});

export const MergeRecordSchema = z
  .strictObject({
    /** The keeper before the merge: what an unmerge puts back. */
    keepBefore: DumpNodeSchema,
    /** The keeper's version once the merge (and its rename) was done: an unmerge is refused past it. */
    keepVersion: z.int().min(1),
    steps: z.array(MergeStepSchema).min(1).max(UNDO_MERGE_STEPS_MAX),
  })
  .refine((r) => r.steps.reduce((n, s) => n + s.moved.length + s.removed.length, 0) <= UNDO_EDGES_MAX, {
    message: `at most ${UNDO_EDGES_MAX} edges in all`,
    path: ['steps'],
  });

export interface DeletedNodeRecord {
  node: GraphNode;
  edges: GraphEdge[];
  vectors: DumpEmbedding[];
}

export interface MergeStep {
  drop: GraphNode;
  dropVectors: DumpEmbedding[];
  moved: GraphEdge[];
  removed: GraphEdge[];
  adoptedModels: string[];
}

export interface MergeRecord {
  keepBefore: GraphNode;
  keepVersion: number;
  steps: MergeStep[];
}

/** Why an edge of an undo record was not put back. */
export type EdgeSkipReason = 'endpoint-missing' | 'already-there' | 'changed-since';

export interface SkippedEdge {
  edge: GraphEdge;
  reason: EdgeSkipReason;
}

/** Every edge of a record must touch `nodeId`, once, and every vector be the node's: else the record is forged. */
export function checkRecordOwnsItems(
  nodeId: string,
  edges: readonly GraphEdge[],
  vectors: readonly DumpEmbedding[],
  path: string,
): void {
  const seen = new Set<string>();
  edges.forEach((edge, i) => {
    if (edge.from !== nodeId && edge.to !== nodeId)
      throw forged(`${path}edges.${i}`, 'does not touch the node');
    if (seen.has(edge.id)) throw forged(`${path}edges.${i}.id`, 'named twice');
    seen.add(edge.id);
  });
  const models = new Set<string>();
  vectors.forEach((vector, i) => {
    if (vector.nodeId !== nodeId) throw forged(`${path}vectors.${i}.nodeId`, 'is another node');
    if (models.has(vector.model)) throw forged(`${path}vectors.${i}.model`, 'named twice');
    models.add(vector.model);
  });
}

export function forged(path: string, message: string): AppError {
  return new AppError('VALIDATION', `Undo record does not fit the graph at ${path}: ${message}`, {
    field: path,
  });
}
