import type { Database } from 'better-sqlite3';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION } from '../dump-format.ts';
import type { DumpEmbedding, GraphDump } from '../dump-format.ts';
import type { WriteMeta } from '../driver.ts';
import type { GraphNode } from '../model.ts';
import { refuseNonEmpty, restoreAudit } from '../rules/restore-checks.ts';
import type { CheckedDump } from '../rules/restore-checks.ts';
import { appendAudit } from './audit.ts';
import { writeEdgeRow } from './edge-writes.ts';
import { blobToVector, createModelTable, listModels, putVector } from './embeddings.ts';
import { writeNewNode } from './node-writes.ts';
import { sql } from './open-database.ts';
import { EDGE_SELECT, NODE_COLUMNS, rowToEdge, rowToNode } from './rows.ts';
import type { EdgeRow, NodeRow } from './rows.ts';

/** Read the whole graph; the caller runs it in one read transaction so the snapshot is consistent. */
export function dumpGraph(db: Database): GraphDump {
  const nodeRows = sql(db, `SELECT ${NODE_COLUMNS} FROM nodes n ORDER BY n.seq`).all() as NodeRow[];
  const edgeRows = sql(db, `${EDGE_SELECT} ORDER BY e.seq`).all() as EdgeRow[];
  const embeddings: DumpEmbedding[] = [];
  const idBySeq = new Map(nodeRows.map((r) => [r.seq, r.id]));
  for (const info of listModels(db)) {
    const rows = sql(
      db,
      `SELECT node_seq, embedding FROM ${info.vec_table} ORDER BY node_seq`,
    ).all() as Array<{
      node_seq: number;
      embedding: Buffer;
    }>;
    for (const row of rows) {
      const nodeId = idBySeq.get(row.node_seq);
      const vector = blobToVector(row.embedding);
      if (nodeId) embeddings.push({ nodeId, model: info.model, vector: Array.from(vector) });
    }
  }
  return {
    format: DUMP_FORMAT,
    formatVersion: DUMP_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    nodes: nodeRows.map(rowToNode),
    edges: edgeRows.map(rowToEdge),
    embeddings,
  };
}

export function isEmpty(db: Database): boolean {
  return sql(db, 'SELECT 1 FROM nodes LIMIT 1').get() === undefined;
}

function clearGraph(db: Database): void {
  db.exec('DELETE FROM vector_codes');
  for (const info of listModels(db)) db.exec(`DROP TABLE ${info.vec_table}`);
  db.exec('DELETE FROM embedding_models; DELETE FROM edges; DELETE FROM nodes; DELETE FROM nodes_fts;');
}

/** Write a checked dump (graph/rules/restore-checks.ts) inside the caller's transaction. */
export function restoreGraph(db: Database, dump: CheckedDump, meta: WriteMeta, replace: boolean): void {
  const empty = isEmpty(db);
  refuseNonEmpty(empty, replace);
  if (!empty) clearGraph(db);
  const seqById = new Map<string, { seq: number; node: GraphNode }>();
  for (const node of dump.nodes) seqById.set(node.id, { seq: writeNewNode(db, node), node });
  const seqOf = (id: string): number => seqById.get(id)?.seq ?? 0;
  for (const edge of dump.edges) writeEdgeRow(db, edge, seqOf(edge.from), seqOf(edge.to));
  const models = new Map(dump.models.map((m) => [m.model, createModelTable(db, m.model, m.dimension)]));
  for (const embedding of dump.embeddings) {
    const owner = seqById.get(embedding.nodeId);
    const info = models.get(embedding.model);
    if (owner && info) {
      putVector(db, info, { ...owner.node, seq: owner.seq }, Float32Array.from(embedding.vector), true);
    }
  }
  appendAudit(db, { ...meta, ...restoreAudit(dump) });
}
