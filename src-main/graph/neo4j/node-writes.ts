import { newNodeRecord } from '../new-records.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphNode, NodeKind } from '../model.ts';
import { parseInput } from '../parse-input.ts';
import type { UpsertResult } from '../port.ts';
import { PropsSchemaByKind } from '../schemas.ts';
import type { DeleteNodeSchema, NodeInputSchema, UpdateNodeSchema } from '../schemas.ts';
import { mergeIncoming } from '../upsert-merge.ts';
import { normalizedNameOf, notFound, requireVersion } from '../write-checks.ts';
import { nodeToProps, nodeUpdateProps, toEdge, toNode } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import { CREATE_NODE, DELETE_NODE, NODE_BY_ID, NODE_BY_NAME, NODE_EDGES, SAVE_NODE } from './queries.ts';
import { firstRow, rows } from './tx.ts';
import type { WriteTx } from './tx.ts';

type ParsedNodeInput = z.output<typeof NodeInputSchema>;

export async function nodeById(tx: ManagedTransaction, id: string): Promise<GraphNode | null> {
  const row = await firstRow(tx, NODE_BY_ID, { id });
  return row ? toNode(row.n as PropertyMap) : null;
}

export async function requireNode(tx: ManagedTransaction, id: string, field = 'id'): Promise<GraphNode> {
  const node = await nodeById(tx, id);
  if (!node) throw notFound(id, field);
  return node;
}

export async function nodeByName(
  tx: ManagedTransaction,
  kind: NodeKind,
  normalizedName: string,
): Promise<GraphNode | null> {
  const row = await firstRow(tx, NODE_BY_NAME[kind], { normalizedName });
  return row ? toNode(row.n as PropertyMap) : null;
}

/** Write a complete node (new or restored). */
export async function writeNewNode(w: WriteTx, node: GraphNode): Promise<void> {
  const seq = await w.nextSeq();
  await w.rows(CREATE_NODE[node.kind], { props: nodeToProps(node, seq) });
}

export async function insertNode(w: WriteTx, input: ParsedNodeInput, audit = true): Promise<GraphNode> {
  const node = newNodeRecord(input, w.meta);
  await writeNewNode(w, node);
  if (audit) w.audit({ action: 'node.create', entityId: node.id, before: null, after: node });
  return node;
}

/** Save a changed node: one version up, stamped with the writer. */
export async function saveNode(w: WriteTx, before: GraphNode, changed: GraphNode): Promise<GraphNode> {
  const next = {
    ...changed,
    updatedBy: w.meta.actor,
    updatedAt: w.meta.at,
    version: before.version + 1,
  } as GraphNode;
  await w.rows(SAVE_NODE, { id: before.id, props: nodeUpdateProps(next) });
  return next;
}

export async function upsertNode(w: WriteTx, input: ParsedNodeInput, audit = true): Promise<UpsertResult> {
  const existing = await nodeByName(w.tx, input.kind, normalizedNameOf(input.name, 'name'));
  if (!existing) return { node: await insertNode(w, input, audit), created: true, changed: true };
  const changes = mergeIncoming(existing, input);
  if (!changes) return { node: existing, created: false, changed: false };
  const after = await saveNode(w, existing, { ...existing, ...changes } as GraphNode);
  if (audit) w.audit({ action: 'node.update', entityId: existing.id, before: existing, after });
  return { node: after, created: false, changed: true };
}

export async function updateNode(w: WriteTx, input: z.output<typeof UpdateNodeSchema>): Promise<GraphNode> {
  const before = await requireNode(w.tx, input.id);
  requireVersion(before.version, input.expectedVersion, 'Node', input.id);
  const { patch } = input;
  const next = { ...before } as GraphNode & { props: unknown };
  if (patch.name !== undefined && patch.name !== before.name) {
    const normalized = normalizedNameOf(patch.name, 'patch.name');
    const clash = await nodeByName(w.tx, before.kind, normalized);
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
  w.audit({ action: 'node.update', entityId: before.id, before, after });
  return after;
}

export async function deleteNode(w: WriteTx, input: z.output<typeof DeleteNodeSchema>): Promise<void> {
  const node = await requireNode(w.tx, input.id);
  requireVersion(node.version, input.expectedVersion, 'Node', input.id);
  for (const row of await rows(w.tx, NODE_EDGES, { id: node.id })) {
    const edge = toEdge(row.r as PropertyMap, row.type, row.from, row.to);
    w.audit({ action: 'edge.delete', entityId: edge.id, before: edge, after: null });
  }
  await w.rows(DELETE_NODE, { id: node.id });
  w.audit({ action: 'node.delete', entityId: node.id, before: node, after: null });
}
