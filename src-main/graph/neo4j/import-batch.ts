import { newEdgeRecord, newNodeRecord } from '../new-records.ts';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { EdgeType, GraphEdge, GraphNode, NodeKind } from '../model.ts';
import type { ImportResult } from '../port.ts';
import type { ImportBatchSchema, NodeRefSchema } from '../schemas.ts';
import { normalizeName } from '../normalize-name.ts';
import { mergeIncoming } from '../upsert-merge.ts';
import { checkEdge, normalizedNameOf } from '../write-checks.ts';
import type { Endpoint } from '../write-checks.ts';
import { rowToEdge } from './reads.ts';
import { checkDimension, checkNewDimension } from '../rules/embedding-rules.ts';
import { emptyImportResult, underPath } from '../rules/import-batch.ts';
import { listModels } from './embeddings.ts';
import type { ModelInfo } from './embeddings.ts';
import { edgeToProps, int, nodeToProps, nodeUpdateProps, toFloat32List, toNode } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import {
  STAGE_EDGES,
  STAGE_MODELS,
  STAGE_NODES,
  STAGE_SAVES,
  STAGE_VECTORS,
} from './import-journal-queries.ts';
import { FIND_EDGES, NODES_BY_IDS, NODES_BY_NAMES } from './queries.ts';
import { SMALL_STEP_BYTES } from './import-step-size.ts';
import { chunksOf, inChunks } from './tx.ts';
import type { WriteTx } from './tx.ts';

type Batch = z.output<typeof ImportBatchSchema>;
type NodeRef = z.output<typeof NodeRefSchema>;

/**
 * Batch import with the embedded store's exact semantics (items applied in order as upserts, same versions,
 * audit entries, counts and error paths), planned in memory in one (reading) transaction and turned into
 * bounded UNWIND steps: one round trip per item would make a paper-scale import take tens of minutes, and one
 * transaction for the whole file would need unbounded transaction memory. import-journal.ts runs the steps,
 * each in its own transaction, all-or-nothing through the import journal.
 */

/** One bounded write: a staging statement and the rows of one chunk (run with `$rows` and `$importId`). */
export interface StagedStep {
  query: string;
  rows: unknown[];
  /** A merge into stored nodes: every row must match its expected version, or a second writer got there. */
  guardsVersions?: boolean;
  /** Audit rows, appended by the step's transaction as it finishes (tx.ts WriteTx.finish), not by `query`. */
  appendsAudit?: boolean;
  /** Vectors (`$rows` of `{nodeId, model, vector}`): what the vector index would take in. */
  stagesVectors?: boolean;
  /** New embedding models: staged after everything else, so a search finds a model only once its vectors are
   * indexed (import-vector-index.ts). */
  registersModels?: boolean;
}

type StepFlags = Pick<StagedStep, 'guardsVersions' | 'appendsAudit' | 'stagesVectors' | 'registersModels'>;

/** The planning is synchronous per item; errors name the batch path as GraphStore's import does. */
function atPath<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw underPath(path, err);
  }
}

function groupPush<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

const nameKey = (kind: string, normalizedName: string): string => `${kind}\u0000${normalizedName}`;

interface Slot {
  node: GraphNode;
  /** Created by this batch (written with CREATE) rather than already stored (written with SET). */
  isNew: boolean;
  /** The stored node as read, for a stored one: its version guards the save, and it is the undo record. */
  original?: GraphNode;
  dirty: boolean;
}

async function existingByName(
  w: WriteTx,
  keys: Array<{ kind: NodeKind; name: string }>,
): Promise<Map<string, GraphNode>> {
  const byKind = new Map<NodeKind, Set<string>>();
  for (const { kind, name } of keys) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(name));
  const out = new Map<string, GraphNode>();
  for (const [kind, names] of byKind) {
    for (const row of await w.rows(NODES_BY_NAMES[kind], { names: [...names] })) {
      const node = toNode(row.n as PropertyMap);
      out.set(nameKey(node.kind, node.normalizedName), node);
    }
  }
  return out;
}

export async function planImport(
  w: WriteTx,
  batch: Batch,
  stepBytes = SMALL_STEP_BYTES,
): Promise<{ result: ImportResult; steps: StagedStep[] }> {
  const { actor, at } = w.meta;
  const result = emptyImportResult();
  // Non-throwing here: an unusable name fails below, at its item, in batch order.
  const normalized = batch.nodes.map((input) => normalizeName(input.name));
  const edgeNameRefs = batch.edges
    .flatMap((e) => [e.from, e.to])
    .flatMap((ref) => ('id' in ref ? [] : [ref]));
  const existing = await existingByName(w, [
    ...batch.nodes.map((n, i) => ({ kind: n.kind, name: normalized[i] as string })),
    ...edgeNameRefs.map((ref) => ({ kind: ref.kind, name: normalizeName(ref.name) })),
  ]);
  const models = new Map((await listModels(w.tx)).map((m): [string, ModelInfo] => [m.model, m]));
  const newModels: ModelInfo[] = [];
  const slots = new Map<string, Slot>();
  const vectors = new Map<string, { nodeId: string; model: string; vector: number[] }>();

  batch.nodes.forEach((input, index) => {
    atPath(`nodes.${index}`, () => {
      const { embedding, ...nodeInput } = input;
      const key = nameKey(input.kind, normalizedNameOf(input.name, 'name'));
      const found = existing.get(key);
      let slot =
        slots.get(key) ?? (found ? { node: found, isNew: false, dirty: false, original: found } : undefined);
      if (!slot) {
        const node = newNodeRecord(nodeInput, w.meta);
        slot = { node, isNew: true, dirty: true };
        result.nodesCreated++;
        w.audit({ action: 'node.create', entityId: node.id, before: null, after: node });
      } else {
        const changes = mergeIncoming(slot.node, nodeInput);
        if (changes) {
          const before = slot.node;
          const after = {
            ...before,
            ...changes,
            updatedBy: actor,
            updatedAt: at,
            version: before.version + 1,
          };
          slot = { ...slot, node: after as GraphNode, dirty: true };
          result.nodesMerged++;
          w.audit({ action: 'node.update', entityId: before.id, before, after });
        }
      }
      slots.set(key, slot);
      result.nodeIds.push(slot.node.id);
      if (embedding) {
        const vector = toFloat32List(embedding.vector);
        atPath('embedding', () => {
          const known = models.get(embedding.model);
          if (known) return checkDimension(known, vector.length);
          checkNewDimension(vector.length);
          const info = { model: embedding.model, dimension: vector.length };
          models.set(info.model, info);
          newModels.push(info);
        });
        vectors.set(`${slot.node.id}\u0000${embedding.model}`, {
          nodeId: slot.node.id,
          model: embedding.model,
          vector,
        });
        result.embeddingsSet++;
      }
    });
  });

  const newEdges = await planEdges(w, batch, slots, existing, result);
  const chunk: Chunker = (query, rows, flags) => chunked(stepBytes, query, rows, flags);
  const steps = await planWrites(w, chunk, [...slots.values()], newEdges, newModels, [...vectors.values()]);
  return { result, steps: [...steps, ...chunk('', w.drainAudit(), { appendsAudit: true })] };
}

/** A vector element on the wire (Bolt: a float64 and its marker); as JSON it would count ~20 characters. */
const VECTOR_ELEMENT_BYTES = 9;

/**
 * A row's size as sent: its JSON length, with number lists (vectors) counted at their Bolt size. Counting
 * vectors as JSON text made vector steps ~2.5× smaller than needed, and each step is a transaction of its own:
 * at paper scale they were ~1,200 of the import's ~1,400 transactions.
 */
function rowBytes(row: unknown): number {
  let vectorBytes = 0;
  const json = JSON.stringify(row, (_key, value: unknown) => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      vectorBytes += value.length * VECTOR_ELEMENT_BYTES;
      return 0;
    }
    return value;
  });
  return json.length + vectorBytes;
}

function chunked(stepBytes: number, query: string, rows: unknown[], flags: StepFlags = {}): StagedStep[] {
  const steps: StagedStep[] = [];
  for (const chunk of chunksOf(rows)) {
    let start = 0;
    let bytes = 0;
    chunk.forEach((row, i) => {
      const size = rowBytes(row);
      if (i > start && bytes + size > stepBytes) {
        steps.push({ query, rows: chunk.slice(start, i), ...flags });
        start = i;
        bytes = 0;
      }
      bytes += size;
    });
    if (chunk.length > start) steps.push({ query, rows: chunk.slice(start), ...flags });
  }
  return steps;
}

/** Rows into steps of at most `stepBytes` (the audit entries too: tagged, so a rollback drops them). */
type Chunker = (query: string, rows: unknown[], flags?: StepFlags) => StagedStep[];

async function planEdges(
  w: WriteTx,
  batch: Batch,
  slots: Map<string, Slot>,
  existing: Map<string, GraphNode>,
  result: ImportResult,
): Promise<GraphEdge[]> {
  const idRefs = batch.edges.flatMap((e) => [e.from, e.to]).flatMap((ref) => ('id' in ref ? [ref.id] : []));
  const byId = new Map<string, Endpoint>();
  for (const slot of slots.values()) byId.set(slot.node.id, slot.node);
  const missingIds = [...new Set(idRefs)].filter((id) => !byId.has(id));
  if (missingIds.length > 0) {
    for (const row of await w.rows(NODES_BY_IDS, { ids: missingIds })) {
      const node = toNode(row.n as PropertyMap);
      byId.set(node.id, node);
    }
  }
  const resolve = (ref: NodeRef, field: string): Endpoint => {
    if ('id' in ref) {
      const known = byId.get(ref.id);
      if (known) return { id: known.id, kind: known.kind };
    } else {
      const key = nameKey(ref.kind, normalizeName(ref.name));
      const known = slots.get(key)?.node ?? existing.get(key);
      if (known) return { id: known.id, kind: known.kind };
    }
    throw new AppError('NOT_FOUND', `Edge endpoint not found: ${JSON.stringify(ref)}`, { field });
  };
  const planned = batch.edges.map((edge, index) =>
    atPath(`edges.${index}`, () => {
      const from = resolve(edge.from, 'from');
      const to = resolve(edge.to, 'to');
      checkEdge(edge.type, from, to);
      return { edge, from, to };
    }),
  );

  // Edges already stored between stored nodes make the repeat a no-op, as addEdge's idempotency does. A node
  // this batch creates has no stored edges yet, so only pairs of two stored nodes are looked up: on a fresh
  // graph that skips every lookup (each one an index seek against the growing transaction state).
  const fresh = freshNodeIds(slots);
  const stored = new Set<string>();
  const byType = new Map<EdgeType, Array<{ from: string; to: string }>>();
  for (const { edge, from, to } of planned) {
    if (fresh.has(from.id) || fresh.has(to.id)) continue;
    groupPush(byType, edge.type, { from: from.id, to: to.id });
  }
  for (const [type, pairs] of byType) {
    await inChunks(pairs, async (chunk) => {
      for (const row of await w.rows(FIND_EDGES[type], { pairs: chunk })) {
        const e = rowToEdge(row);
        stored.add(`${e.from}/${e.type}/${e.to}`);
      }
    });
  }
  const created: GraphEdge[] = [];
  for (const { edge, from, to } of planned) {
    const key = `${from.id}/${edge.type}/${to.id}`;
    if (stored.has(key)) continue;
    stored.add(key);
    const next = newEdgeRecord(edge, from.id, to.id, w.meta);
    created.push(next);
    result.edgesCreated++;
    w.audit({ action: 'edge.create', entityId: next.id, before: null, after: next });
  }
  return created;
}

function freshNodeIds(slots: Map<string, Slot>): Set<string> {
  const ids = new Set<string>();
  for (const slot of slots.values()) if (slot.isNew) ids.add(slot.node.id);
  return ids;
}

async function planWrites(
  w: WriteTx,
  chunk: Chunker,
  slots: Slot[],
  edges: GraphEdge[],
  models: ModelInfo[],
  vectors: Array<{ nodeId: string; model: string; vector: number[] }>,
): Promise<StagedStep[]> {
  const steps: StagedStep[] = [];
  const fresh = slots.filter((s) => s.isNew);
  let seq = w.nextSeq(Math.max(1, fresh.length + edges.length));
  const createsByKind = new Map<NodeKind, PropertyMap[]>();
  for (const { node } of fresh) groupPush(createsByKind, node.kind, nodeToProps(node, seq++));
  for (const [kind, rows] of createsByKind) steps.push(...chunk(STAGE_NODES[kind], rows));
  const saves = slots
    .filter((s) => !s.isNew && s.dirty && s.original)
    .map((s) => ({
      id: s.node.id,
      props: nodeUpdateProps(s.node),
      expectedVersion: int(s.original?.version ?? 0),
      before: JSON.stringify(s.original),
    }));
  steps.push(...chunk(STAGE_SAVES, saves, { guardsVersions: true }));
  const modelRows = models.map((m) => ({ model: m.model, dimension: int(m.dimension) }));
  steps.push(...chunk(STAGE_MODELS, modelRows, { registersModels: true }));
  // MERGE even for nodes created here: measured, a plain CREATE was no faster (the 384 floats per row cost
  // more than the constraint-index lookup; bench/neo4j-load/profile-import.ts).
  steps.push(...chunk(STAGE_VECTORS, vectors, { stagesVectors: true }));
  const edgesByType = new Map<EdgeType, PropertyMap[]>();
  for (const edge of edges) {
    groupPush(edgesByType, edge.type, { from: edge.from, to: edge.to, props: edgeToProps(edge, seq++) });
  }
  for (const [type, rows] of edgesByType) steps.push(...chunk(STAGE_EDGES[type], rows));
  return steps;
}
