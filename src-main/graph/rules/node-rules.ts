import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphWriter } from '../driver.ts';
import type { GraphNode } from '../model.ts';
import { newNodeRecord } from '../new-records.ts';
import { parseInput } from '../parse-input.ts';
import type { UpsertResult } from '../port.ts';
import { PropsSchemaByKind } from '../schemas.ts';
import type { DeleteNodeSchema, MergeNodesSchema, NodeInputSchema, UpdateNodeSchema } from '../schemas.ts';
import { mergeIncoming } from '../upsert-merge.ts';
import { normalizedNameOf, notFound, requireVersion } from '../write-checks.ts';
import type { DumpEmbedding } from '../dump-format.ts';
import { repointEdge } from './edge-rules.ts';
import type { DeletedNodeRecord, MergeStep } from './undo-record.ts';

/** Node writes: the rules both stores share, over a driver's write transaction. */

type ParsedNodeInput = z.output<typeof NodeInputSchema>;

export async function requireNode(w: GraphWriter, id: string, field = 'id'): Promise<GraphNode> {
  const node = await w.nodeById(id);
  if (!node) throw notFound(id, field);
  return node;
}

/** The node `id` as the caller read it: refused when missing, or changed since `expectedVersion` (if given). */
async function requireNodeAt(
  w: GraphWriter,
  id: string,
  expectedVersion: number | undefined,
): Promise<GraphNode> {
  const node = await requireNode(w, id);
  requireVersion(node.version, expectedVersion, 'Node', id);
  return node;
}

/** Save a changed node: one version up, stamped with the writer. */
export async function saveNode(w: GraphWriter, before: GraphNode, changed: GraphNode): Promise<GraphNode> {
  const next = {
    ...changed,
    updatedBy: w.meta.actor,
    updatedAt: w.meta.at,
    version: before.version + 1,
  } as GraphNode;
  await w.saveNode(before, next);
  return next;
}

export async function upsertNode(w: GraphWriter, input: ParsedNodeInput): Promise<UpsertResult> {
  const existing = await w.nodeByName(input.kind, normalizedNameOf(input.name, 'name'));
  if (!existing) {
    const node = newNodeRecord(input, w.meta);
    await w.insertNode(node);
    await w.audit({ action: 'node.create', entityId: node.id, before: null, after: node });
    return { node, created: true, changed: true };
  }
  const changes = mergeIncoming(existing, input);
  if (!changes) return { node: existing, created: false, changed: false };
  const after = await saveNode(w, existing, { ...existing, ...changes } as GraphNode);
  await w.audit({ action: 'node.update', entityId: existing.id, before: existing, after });
  return { node: after, created: false, changed: true };
}

export async function updateNode(
  w: GraphWriter,
  input: z.output<typeof UpdateNodeSchema>,
): Promise<GraphNode> {
  const before = await requireNodeAt(w, input.id, input.expectedVersion);
  const { patch } = input;
  const next = { ...before } as GraphNode & { props: unknown };
  if (patch.name !== undefined && patch.name !== before.name) {
    const normalized = normalizedNameOf(patch.name, 'patch.name');
    const clash = await w.nodeByName(before.kind, normalized);
    if (clash && clash.id !== before.id) {
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
  const after = await saveNode(w, before, next);
  await w.audit({ action: 'node.update', entityId: before.id, before, after });
  return after;
}

/** Deletes the node with its edges and vectors; returns all of it, so the delete can be undone. */
export async function deleteNode(
  w: GraphWriter,
  input: z.output<typeof DeleteNodeSchema>,
): Promise<DeletedNodeRecord> {
  const node = await requireNodeAt(w, input.id, input.expectedVersion);
  const edges = await w.edgesOf(node.id);
  for (const edge of edges) {
    await w.audit({ action: 'edge.delete', entityId: edge.id, before: edge, after: null });
  }
  const vectors = await vectorsOfNode(w, node.id);
  await w.deleteNode(node);
  await w.audit({ action: 'node.delete', entityId: node.id, before: node, after: null });
  return { node, edges, vectors };
}

async function vectorsOfNode(w: GraphWriter, nodeId: string): Promise<DumpEmbedding[]> {
  const vectors: DumpEmbedding[] = [];
  for (const { model } of await w.models()) {
    const vector = await w.vectorOf(nodeId, model);
    if (vector) vectors.push({ nodeId, model, vector });
  }
  return vectors;
}

/**
 * Fold `drop` into `keep`: every edge of `drop` is re-pointed to `keep` (an edge that would duplicate one of
 * keep's or loop onto keep is removed instead), the dropped spellings become aliases, vectors keep lacks are
 * adopted, then `drop` is deleted. Provenance survives as the re-pointed EXTRACTED_FROM edges and the audit log.
 */
export async function mergeNodes(
  w: GraphWriter,
  input: z.output<typeof MergeNodesSchema>,
): Promise<{ node: GraphNode; step: MergeStep; keepBefore: GraphNode }> {
  const keep = await requireNode(w, input.keepId, 'keepId');
  const drop = await requireNode(w, input.dropId, 'dropId');
  requireVersion(keep.version, input.expectedKeepVersion, 'Node', input.keepId);
  requireVersion(drop.version, input.expectedDropVersion, 'Node', input.dropId);
  if (keep.kind !== drop.kind) {
    throw new AppError('VALIDATION', `Cannot merge a ${drop.kind} into a ${keep.kind}`, { field: 'dropId' });
  }
  const step: MergeStep = { drop, dropVectors: [], moved: [], removed: [], adoptedModels: [] };
  for (const edge of await w.edgesOf(drop.id)) {
    step[await repointEdge(w, edge, drop.id, keep.id)].push(edge);
  }
  for (const model of await w.models()) {
    const theirs = await w.vectorOf(drop.id, model.model);
    if (!theirs) continue;
    step.dropVectors.push({ nodeId: drop.id, model: model.model, vector: theirs });
    if (await w.vectorOf(keep.id, model.model)) continue;
    await w.putVector(keep, model, theirs, false);
    step.adoptedModels.push(model.model);
  }
  const changes = mergeIncoming(keep, drop);
  const merged = changes ? ({ ...keep, ...changes } as GraphNode) : keep;
  await w.deleteNode(drop);
  const after = await saveNode(w, keep, merged);
  await w.audit({ action: 'node.merge', entityId: keep.id, before: { keep, drop }, after });
  await w.audit({ action: 'node.merge', entityId: drop.id, before: drop, after: { mergedInto: keep.id } });
  return { node: after, step, keepBefore: keep };
}
