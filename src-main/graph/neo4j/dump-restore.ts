import type { ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../../shared/errors.ts';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION } from '../dump-format.ts';
import type { GraphDump } from '../dump-format.ts';
import type { EdgeType, NodeKind } from '../model.ts';
import { normalizeName } from '../normalize-name.ts';
import { checkEdge } from '../write-checks.ts';
import { rowToEdge } from './edge-writes.ts';
import { checkDimension } from './embeddings.ts';
import type { ModelInfo } from './embeddings.ts';
import { edgeToProps, int, nodeToProps, toFloat32List, toNode, toNumber } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import {
  ANY_NODE,
  CLEAR_GRAPH,
  DUMP_EDGES,
  DUMP_EMBEDDINGS,
  DUMP_NODES,
  BULK_CREATE_EDGES,
  BULK_CREATE_MODELS,
  BULK_CREATE_NODES,
  BULK_CREATE_VECTORS,
} from './queries.ts';
import { inChunks, rows } from './tx.ts';
import type { WriteTx } from './tx.ts';

/** The whole graph in the embedded store's versioned JSON format; the caller runs it in one read transaction. */
export async function dumpGraph(tx: ManagedTransaction): Promise<GraphDump> {
  const nodes = (await rows(tx, DUMP_NODES)).map((row) => toNode(row.n as PropertyMap));
  const edges = (await rows(tx, DUMP_EDGES)).map(rowToEdge);
  const embeddings = (await rows(tx, DUMP_EMBEDDINGS)).map((row) => ({
    nodeId: String(row.nodeId),
    model: String(row.model),
    vector: (row.vector as unknown[]).map(toNumber),
  }));
  return {
    format: DUMP_FORMAT,
    formatVersion: DUMP_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    nodes,
    edges,
    embeddings,
  };
}

const invalid = (path: string, message: string): AppError =>
  new AppError('VALIDATION', `Malformed graph dump at ${path}: ${message}`, { path, field: path });

/** Validate everything first, then write in bulk; all inside the caller's transaction. */
export async function restoreGraph(w: WriteTx, dump: GraphDump, replace: boolean): Promise<void> {
  const existing = await w.rows(ANY_NODE);
  if (existing.length > 0) {
    if (!replace) {
      throw new AppError('CONFLICT', 'The graph is not empty; restore with replace to overwrite it', {
        field: 'replace',
      });
    }
    await w.rows(CLEAR_GRAPH);
  }
  const byId = new Map<string, { kind: NodeKind }>();
  const names = new Set<string>();
  const nodeRows = new Map<NodeKind, PropertyMap[]>();
  let seq = await w.nextSeq(dump.nodes.length + dump.edges.length);
  dump.nodes.forEach((node, index) => {
    if (byId.has(node.id)) throw invalid(`nodes.${index}.id`, 'duplicate id');
    const normalizedName = normalizeName(node.name);
    const key = `${node.kind}\u0000${normalizedName}`;
    if (normalizedName === '' || names.has(key))
      throw invalid(`nodes.${index}.name`, 'duplicate or empty name');
    names.add(key);
    byId.set(node.id, { kind: node.kind });
    const list = nodeRows.get(node.kind) ?? [];
    list.push(nodeToProps({ ...node, normalizedName }, seq++));
    nodeRows.set(node.kind, list);
  });
  const edgeRows = new Map<EdgeType, PropertyMap[]>();
  const edgeKeys = new Set<string>();
  dump.edges.forEach((edge, index) => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from) throw invalid(`edges.${index}.from`, 'no node with this id in the dump');
    if (!to) throw invalid(`edges.${index}.to`, 'no node with this id in the dump');
    const key = `${edge.from}/${edge.type}/${edge.to}`;
    if (edgeKeys.has(key)) throw invalid(`edges.${index}`, 'duplicate edge');
    edgeKeys.add(key);
    try {
      checkEdge(edge.type, { id: edge.from, kind: from.kind }, { id: edge.to, kind: to.kind });
    } catch (err) {
      throw invalid(`edges.${index}.type`, err instanceof Error ? err.message : String(err));
    }
    const list = edgeRows.get(edge.type) ?? [];
    list.push({ from: edge.from, to: edge.to, props: edgeToProps(edge, seq++) });
    edgeRows.set(edge.type, list);
  });
  const models = new Map<string, ModelInfo>();
  const vectorRows: PropertyMap[] = [];
  const vectorKeys = new Set<string>();
  dump.embeddings.forEach((embedding, index) => {
    if (!byId.has(embedding.nodeId))
      throw invalid(`embeddings.${index}.nodeId`, 'no node with this id in the dump');
    const key = `${embedding.nodeId}\u0000${embedding.model}`;
    if (vectorKeys.has(key)) throw invalid(`embeddings.${index}`, 'duplicate embedding');
    vectorKeys.add(key);
    const info = models.get(embedding.model) ?? {
      model: embedding.model,
      dimension: embedding.vector.length,
    };
    try {
      checkDimension(info, embedding.vector.length);
    } catch (err) {
      throw invalid(`embeddings.${index}.vector`, err instanceof Error ? err.message : String(err));
    }
    models.set(embedding.model, info);
    vectorRows.push({
      nodeId: embedding.nodeId,
      model: embedding.model,
      vector: toFloat32List(embedding.vector),
    });
  });

  for (const [kind, list] of nodeRows)
    await inChunks(list, (chunk) => w.rows(BULK_CREATE_NODES[kind], { rows: chunk }));
  for (const [type, list] of edgeRows)
    await inChunks(list, (chunk) => w.rows(BULK_CREATE_EDGES[type], { rows: chunk }));
  const modelRows = [...models.values()].map((m) => ({ model: m.model, dimension: int(m.dimension) }));
  await w.rows(BULK_CREATE_MODELS, { rows: modelRows });
  await inChunks(vectorRows, (chunk) => w.rows(BULK_CREATE_VECTORS, { rows: chunk }));
  w.audit({
    action: 'graph.restore',
    entityId: 'graph',
    before: null,
    after: {
      nodes: dump.nodes.length,
      edges: dump.edges.length,
      embeddings: dump.embeddings.length,
      exportedAt: dump.exportedAt,
    },
  });
}
