import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION } from '../dump-format.ts';
import type { DumpEmbedding, GraphDump } from '../dump-format.ts';
import { normalizeName } from '../normalize-name.ts';
import { appendAudit } from './audit.ts';
import { checkEdge, writeEdgeRow } from './edge-writes.ts';
import { blobToVector, ensureModel, listModels, putVector } from './embeddings.ts';
import { writeNewNode } from './node-writes.ts';
import type { WriteMeta } from './node-writes.ts';
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

const invalid = (path: string, message: string): AppError =>
  new AppError('VALIDATION', `Malformed graph dump at ${path}: ${message}`, { path, field: path });

/** Write a parsed dump; runs inside the caller's transaction, so a failure part-way leaves the old graph. */
export function restoreGraph(db: Database, dump: GraphDump, meta: WriteMeta, replace: boolean): void {
  if (!isEmpty(db)) {
    if (!replace) {
      throw new AppError('CONFLICT', 'The graph is not empty; restore with replace to overwrite it', {
        field: 'replace',
      });
    }
    clearGraph(db);
  }
  const seqById = new Map<string, { seq: number; node: GraphDump['nodes'][number] }>();
  const names = new Set<string>();
  dump.nodes.forEach((node, index) => {
    if (seqById.has(node.id)) throw invalid(`nodes.${index}.id`, 'duplicate id');
    const normalizedName = normalizeName(node.name);
    const key = `${node.kind}\u0000${normalizedName}`;
    if (normalizedName === '' || names.has(key))
      throw invalid(`nodes.${index}.name`, 'duplicate or empty name');
    names.add(key);
    seqById.set(node.id, { seq: writeNewNode(db, { ...node, normalizedName }), node });
  });
  const edgeKeys = new Set<string>();
  dump.edges.forEach((edge, index) => {
    const from = seqById.get(edge.from);
    const to = seqById.get(edge.to);
    if (!from) throw invalid(`edges.${index}.from`, 'no node with this id in the dump');
    if (!to) throw invalid(`edges.${index}.to`, 'no node with this id in the dump');
    const key = `${from.seq}/${edge.type}/${to.seq}`;
    if (edgeKeys.has(key)) throw invalid(`edges.${index}`, 'duplicate edge');
    edgeKeys.add(key);
    try {
      checkEdge(edge.type, { ...from, ...from.node }, { ...to, ...to.node });
    } catch (err) {
      throw invalid(`edges.${index}.type`, err instanceof Error ? err.message : String(err));
    }
    writeEdgeRow(db, edge, from.seq, to.seq);
  });
  dump.embeddings.forEach((embedding, index) => {
    const owner = seqById.get(embedding.nodeId);
    if (!owner) throw invalid(`embeddings.${index}.nodeId`, 'no node with this id in the dump');
    try {
      const info = ensureModel(db, embedding.model, embedding.vector.length);
      putVector(db, info, { ...owner.node, seq: owner.seq }, Float32Array.from(embedding.vector), true);
    } catch (err) {
      throw invalid(`embeddings.${index}.vector`, err instanceof Error ? err.message : String(err));
    }
  });
  appendAudit(db, {
    ...meta,
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
