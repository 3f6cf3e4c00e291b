import { AppError } from '../../shared/errors.ts';
import type { GraphWriter } from '../driver.ts';
import type { DumpEmbedding } from '../dump-format.ts';
import type { GraphEdge, GraphNode } from '../model.ts';
import { normalizedNameOf } from '../write-checks.ts';
import { checkEdge } from '../write-checks.ts';
import { ensureModel } from './embedding-rules.ts';
import { saveNode } from './node-rules.ts';
import { checkRecordOwnsItems, forged } from './undo-record.ts';
import type { DeletedNodeRecord, MergeRecord, SkippedEdge } from './undo-record.ts';

/**
 * Undo of a delete and of a merge, over one write transaction (all or nothing). The record is checked against
 * the store first: a node is only re-created under an id and a name nobody holds, an unmerge only while the
 * keeper is at the version the merge left (someone's later edit is a CONFLICT, never overwritten). Edges whose
 * other end is gone, or that someone re-added, are reported, not forced.
 */

export interface RestoreDeletedResult {
  node: GraphNode;
  edgesRestored: GraphEdge[];
  edgesSkipped: SkippedEdge[];
}

export interface UnmergeResult {
  keep: GraphNode;
  restored: GraphNode[];
  edgesRestored: GraphEdge[];
  edgesSkipped: SkippedEdge[];
}

export async function restoreDeleted(
  w: GraphWriter,
  record: DeletedNodeRecord,
): Promise<RestoreDeletedResult> {
  checkRecordOwnsItems(record.node.id, record.edges, record.vectors, '');
  const skipped: SkippedEdge[] = [];
  const node = await reinsertNode(w, record.node, record.vectors, 'node');
  const restored: GraphEdge[] = [];
  for (const [i, edge] of record.edges.entries()) {
    if (await reinsertEdge(w, edge, `edges.${i}`, skipped)) restored.push(edge);
  }
  return { node, edgesRestored: restored, edgesSkipped: skipped };
}

export async function unmerge(w: GraphWriter, record: MergeRecord): Promise<UnmergeResult> {
  const { keepBefore } = record;
  record.steps.forEach((step, i) => {
    if (step.drop.kind !== keepBefore.kind) throw forged(`steps.${i}.drop.kind`, 'is not the keeper’s kind');
    if (step.drop.id === keepBefore.id) throw forged(`steps.${i}.drop.id`, 'is the keeper');
    checkRecordOwnsItems(step.drop.id, [...step.moved, ...step.removed], step.dropVectors, `steps.${i}.`);
  });
  const current = await w.nodeById(keepBefore.id);
  if (!current || current.version !== record.keepVersion) {
    const what = current ? `was changed since the merge (version ${current.version})` : 'was deleted since';
    throw new AppError('CONFLICT', `"${keepBefore.name}" ${what}; nothing was unmerged`, {
      field: 'keepVersion',
      id: keepBefore.id,
      expectedVersion: record.keepVersion,
      currentVersion: current?.version ?? null,
      current,
      beforeMerge: keepBefore,
    });
  }
  const keep = await restoreKeeper(w, current, keepBefore);
  const skipped: SkippedEdge[] = [];
  const restoredEdges: GraphEdge[] = [];
  const restored: GraphNode[] = [];
  for (let i = record.steps.length - 1; i >= 0; i--) {
    const step = record.steps[i];
    if (!step) continue;
    restored.unshift(await reinsertNode(w, step.drop, step.dropVectors, `steps.${i}.drop`));
    for (const model of step.adoptedModels) await w.deleteVector(keep, model);
    for (const edge of step.moved) {
      if (await moveBack(w, edge, step.drop.id, keep.id, skipped)) restoredEdges.push(edge);
    }
    for (const [j, edge] of step.removed.entries()) {
      if (await reinsertEdge(w, edge, `steps.${i}.removed.${j}`, skipped)) restoredEdges.push(edge);
    }
  }
  return { keep, restored, edgesRestored: restoredEdges, edgesSkipped: skipped };
}

/** The keeper's own fields as they were before the merge; its version moves on (others have read the merged one). */
async function restoreKeeper(w: GraphWriter, current: GraphNode, before: GraphNode): Promise<GraphNode> {
  const normalizedName = normalizedNameOf(before.name, 'keepBefore.name');
  const clash = await w.nodeByName(before.kind, normalizedName);
  if (clash && clash.id !== current.id) throw nameTaken(clash, 'keepBefore.name');
  const next = { ...before, normalizedName, createdAt: current.createdAt, createdBy: current.createdBy };
  const after = await saveNode(w, current, next as GraphNode);
  await w.audit({ action: 'node.unmerge', entityId: current.id, before: current, after });
  return after;
}

/** The node exactly as it was (id, provenance, version), with its vectors; refused if its id or name is taken. */
async function reinsertNode(
  w: GraphWriter,
  record: GraphNode,
  vectors: readonly DumpEmbedding[],
  path: string,
): Promise<GraphNode> {
  if (await w.nodeById(record.id)) {
    throw new AppError(
      'CONFLICT',
      `"${record.name}" was re-created since it was removed; nothing was restored`,
      {
        field: `${path}.id`,
        id: record.id,
      },
    );
  }
  const normalizedName = normalizedNameOf(record.name, `${path}.name`);
  const clash = await w.nodeByName(record.kind, normalizedName);
  if (clash) throw nameTaken(clash, `${path}.name`);
  const node = { ...record, normalizedName } as GraphNode;
  await w.insertNode(node);
  await w.audit({ action: 'node.restore', entityId: node.id, before: null, after: node });
  for (const vector of vectors) {
    const info = await ensureModel(w, vector.model, vector.vector.length);
    await w.putVector(node, info, vector.vector, true);
  }
  return node;
}

/** An edge as it was, when both ends exist and nobody re-added it; else it is reported in `skipped`. */
async function reinsertEdge(
  w: GraphWriter,
  edge: GraphEdge,
  path: string,
  skipped: SkippedEdge[],
): Promise<boolean> {
  const [from, to] = [await w.nodeById(edge.from), await w.nodeById(edge.to)];
  if (!from || !to) {
    skipped.push({ edge, reason: 'endpoint-missing' });
    return false;
  }
  try {
    checkEdge(edge.type, from, to);
  } catch (err) {
    throw forged(`${path}.type`, err instanceof Error ? err.message : String(err));
  }
  if ((await w.edgeById(edge.id)) || (await w.findEdge(edge.type, edge.from, edge.to))) {
    skipped.push({ edge, reason: 'already-there' });
    return false;
  }
  await w.insertEdge(edge);
  await w.audit({ action: 'edge.create', entityId: edge.id, before: null, after: edge });
  return true;
}

/** A merged edge back onto the dropped node, if it is still where the merge put it. */
async function moveBack(
  w: GraphWriter,
  original: GraphEdge,
  dropId: string,
  keepId: string,
  skipped: SkippedEdge[],
): Promise<boolean> {
  const movedFrom = original.from === dropId ? keepId : original.from;
  const movedTo = original.to === dropId ? keepId : original.to;
  const current = await w.edgeById(original.id);
  if (!current || current.type !== original.type || current.from !== movedFrom || current.to !== movedTo) {
    skipped.push({ edge: original, reason: 'changed-since' });
    return false;
  }
  const after: GraphEdge = {
    ...current,
    from: original.from,
    to: original.to,
    updatedBy: w.meta.actor,
    updatedAt: w.meta.at,
    version: current.version + 1,
  };
  await w.saveEdge(current, after);
  await w.audit({ action: 'edge.update', entityId: current.id, before: current, after });
  return true;
}

function nameTaken(clash: GraphNode, field: string): AppError {
  return new AppError('CONFLICT', `A ${clash.kind} named "${clash.name}" exists now; nothing was restored`, {
    field,
    id: clash.id,
  });
}
