import type { ManagedTransaction } from 'neo4j-driver';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION } from '../dump-format.ts';
import type { GraphDump } from '../dump-format.ts';
import type { EdgeType, NodeKind } from '../model.ts';
import { refuseNonEmpty, restoreAudit } from '../rules/restore-checks.ts';
import type { CheckedDump } from '../rules/restore-checks.ts';
import { rowToEdge } from './reads.ts';
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
import { claimImportSlot } from './import-journal.ts';
import type { RestoreStep } from '../restore-watch.ts';
import type { WriteTx } from './tx.ts';

/** Rows per progress step: fine enough for a progress bar, a round trip each (~1 ms on loopback). */
const STEP_ROWS = 500;

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

/**
 * Write a checked dump (graph/rules/restore-checks.ts) in bulk, inside the caller's transaction. It holds the
 * imports claim (import-journal.ts) until it commits, so a journaled import or another restore waits for it, and
 * is refused while a journaled import is live. `step` runs after each chunk (progress, cancel: the whole
 * transaction rolls back).
 */
export async function restoreGraph(
  w: WriteTx,
  dump: CheckedDump,
  replace: boolean,
  step: RestoreStep,
): Promise<void> {
  await claimImportSlot(w);
  const existing = await w.rows(ANY_NODE);
  refuseNonEmpty(existing.length === 0, replace);
  if (existing.length > 0) await w.rows(CLEAR_GRAPH);
  let seq = w.nextSeq(dump.nodes.length + dump.edges.length);
  const nodeRows = new Map<NodeKind, PropertyMap[]>();
  for (const node of dump.nodes) {
    const list = nodeRows.get(node.kind) ?? [];
    list.push(nodeToProps(node, seq++));
    nodeRows.set(node.kind, list);
  }
  const edgeRows = new Map<EdgeType, PropertyMap[]>();
  for (const edge of dump.edges) {
    const list = edgeRows.get(edge.type) ?? [];
    list.push({ from: edge.from, to: edge.to, props: edgeToProps(edge, seq++) });
    edgeRows.set(edge.type, list);
  }
  const vectorRows = dump.embeddings.map((embedding) => ({
    nodeId: embedding.nodeId,
    model: embedding.model,
    vector: toFloat32List(embedding.vector),
  }));
  const written = { nodes: 0, edges: 0 };
  const inSteps = (query: string, list: unknown[], part: keyof typeof written): Promise<void> =>
    inChunks(
      list,
      async (chunk) => {
        await w.rows(query, { rows: chunk });
        written[part] += chunk.length;
        step(written);
      },
      STEP_ROWS,
    );
  for (const [kind, list] of nodeRows) await inSteps(BULK_CREATE_NODES[kind], list, 'nodes');
  for (const [type, list] of edgeRows) await inSteps(BULK_CREATE_EDGES[type], list, 'edges');
  const modelRows = dump.models.map((m) => ({ model: m.model, dimension: int(m.dimension) }));
  await w.rows(BULK_CREATE_MODELS, { rows: modelRows });
  await inChunks(vectorRows, (chunk) => w.rows(BULK_CREATE_VECTORS, { rows: chunk }));
  w.audit(restoreAudit(dump));
  // The last chance to stop: the commit follows.
  step(written);
}
