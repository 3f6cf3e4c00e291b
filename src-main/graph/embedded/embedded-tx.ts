import type { Database } from 'better-sqlite3';
import type {
  AuditDraft,
  EmbeddingModel,
  GraphReader,
  GraphWriter,
  Ranked,
  SearchFilters,
  Vector,
  WriteMeta,
} from '../driver.ts';
import type { EdgeType, GraphEdge, GraphNode, NodeKind } from '../model.ts';
import { appendAudit } from './audit.ts';
import { deleteEdgeRow, saveEdgeRow, writeEdgeRow } from './edge-writes.ts';
import {
  createModelTable,
  findModel,
  listModels,
  putVector,
  readVector,
  removeVector,
  toFloat32,
} from './embeddings.ts';
import type { ModelInfo } from './embeddings.ts';
import { deleteNodeRow, saveNodeRow, writeNewNode } from './node-writes.ts';
import { sql } from './open-database.ts';
import {
  EDGE_SELECT,
  edgeRowById,
  NODE_COLUMNS,
  nodeRowById,
  nodeRowByName,
  rowToEdge,
  rowToNode,
} from './rows.ts';
import type { EdgeRow, NodeRow } from './rows.ts';
import { lexicalRanking, vectorRanking } from './search.ts';
import type { ApproximateVectors } from './search.ts';

/** One transaction's reads on the embedded schema; node ids map to the integer seqs the tables join on. */
export class EmbeddedReader implements GraphReader {
  protected readonly db: Database;
  private readonly approximate: () => ApproximateVectors;
  /** id → seq for nodes this transaction has seen (seqs never change while a node exists). */
  protected readonly seqs = new Map<string, number>();

  constructor(db: Database, approximate: () => ApproximateVectors) {
    this.db = db;
    this.approximate = approximate;
  }

  protected node(row: NodeRow | undefined): GraphNode | null {
    if (!row) return null;
    this.seqs.set(row.id, row.seq);
    return rowToNode(row);
  }

  protected seqOf(id: string): number | undefined {
    const known = this.seqs.get(id);
    if (known !== undefined) return known;
    const seq = sql(this.db, 'SELECT seq FROM nodes WHERE id = ?').pluck().get(id) as number | undefined;
    if (seq !== undefined) this.seqs.set(id, seq);
    return seq;
  }

  async nodeById(id: string): Promise<GraphNode | null> {
    return this.node(nodeRowById(this.db, id));
  }

  async nodeByName(kind: NodeKind, normalizedName: string): Promise<GraphNode | null> {
    return this.node(nodeRowByName(this.db, kind, normalizedName));
  }

  async nodesById(ids: readonly string[]): Promise<Map<string, GraphNode>> {
    const out = new Map<string, GraphNode>();
    if (ids.length === 0) return out;
    const rows = sql(
      this.db,
      `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify([...new Set(ids)])) as NodeRow[];
    for (const row of rows) out.set(row.id, rowToNode(row));
    return out;
  }

  async edgeById(id: string): Promise<GraphEdge | null> {
    const row = edgeRowById(this.db, id);
    return row ? rowToEdge(row) : null;
  }

  async findEdge(type: EdgeType, from: string, to: string): Promise<GraphEdge | null> {
    const fromSeq = this.seqOf(from);
    const toSeq = this.seqOf(to);
    if (fromSeq === undefined || toSeq === undefined) return null;
    // A cheap probe on the unique index first: the joined read is only needed for the rare duplicate.
    const probe = sql(this.db, 'SELECT seq FROM edges WHERE from_seq = ? AND type = ? AND to_seq = ?')
      .pluck()
      .get(fromSeq, type, toSeq);
    if (probe === undefined) return null;
    const row = sql(this.db, `${EDGE_SELECT} WHERE e.seq = ?`).get(probe) as EdgeRow | undefined;
    return row ? rowToEdge(row) : null;
  }

  async edgesOf(nodeId: string): Promise<GraphEdge[]> {
    const seq = this.seqOf(nodeId);
    if (seq === undefined) return [];
    const rows = sql(this.db, `${EDGE_SELECT} WHERE e.from_seq = ? OR e.to_seq = ?`).all(
      seq,
      seq,
    ) as EdgeRow[];
    return rows.map(rowToEdge);
  }

  async models(): Promise<EmbeddingModel[]> {
    return listModels(this.db).map(({ model, dimension }) => ({ model, dimension }));
  }

  /** SQLite reads are in-process: one lookup per node costs what one batched lookup would. */
  async vectorsOf(nodeIds: readonly string[], model: string): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    for (const id of nodeIds) {
      const vector = await this.vectorOf(id, model);
      if (vector) found.set(id, vector);
    }
    return found;
  }

  async vectorOf(nodeId: string, model: string): Promise<number[] | null> {
    const seq = this.seqOf(nodeId);
    const info = findModel(this.db, model);
    const vector = seq !== undefined && info ? readVector(this.db, info, seq) : null;
    return vector ? Array.from(vector) : null;
  }

  async lexicalRanking(query: string, filters: SearchFilters, limit: number): Promise<Ranked[]> {
    return this.withIds(lexicalRanking(this.db, query, filters, limit));
  }

  async vectorRanking(
    model: EmbeddingModel,
    vector: Vector,
    filters: SearchFilters,
    limit: number,
  ): Promise<Ranked[]> {
    const info = findModel(this.db, model.model);
    if (!info) return [];
    const ranked = vectorRanking(this.db, info, toFloat32(vector), filters, limit, this.approximate());
    return this.withIds(ranked);
  }

  private withIds(ranked: Array<{ seq: number; score: number }>): Ranked[] {
    if (ranked.length === 0) return [];
    const rows = sql(this.db, 'SELECT seq, id FROM nodes WHERE seq IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(ranked.map((r) => r.seq)),
    ) as Array<{ seq: number; id: string }>;
    const idBySeq = new Map(rows.map((r) => [r.seq, r.id]));
    return ranked.flatMap((r) => {
      const id = idBySeq.get(r.seq);
      return id === undefined ? [] : [{ id, score: r.score }];
    });
  }
}

/** One IMMEDIATE transaction's writes; the driver commits or rolls back around the work. */
export class EmbeddedWriter extends EmbeddedReader implements GraphWriter {
  readonly meta: WriteMeta;

  constructor(db: Database, approximate: () => ApproximateVectors, meta: WriteMeta) {
    super(db, approximate);
    this.meta = meta;
  }

  private requireSeq(id: string): number {
    const seq = this.seqOf(id);
    if (seq === undefined) throw new Error(`Node ${id} vanished inside its write transaction`);
    return seq;
  }

  private modelInfo(model: string): ModelInfo {
    const info = findModel(this.db, model);
    if (!info)
      throw new Error(`Embedding model ${JSON.stringify(model)} vanished inside its write transaction`);
    return info;
  }

  async insertNode(node: GraphNode): Promise<void> {
    this.seqs.set(node.id, writeNewNode(this.db, node));
  }

  async saveNode(before: GraphNode, after: GraphNode): Promise<void> {
    saveNodeRow(this.db, this.requireSeq(before.id), before, after);
  }

  async deleteNode(node: GraphNode): Promise<void> {
    deleteNodeRow(this.db, this.requireSeq(node.id));
    this.seqs.delete(node.id);
  }

  async insertEdge(edge: GraphEdge): Promise<void> {
    writeEdgeRow(this.db, edge, this.requireSeq(edge.from), this.requireSeq(edge.to));
  }

  async saveEdge(_before: GraphEdge, after: GraphEdge): Promise<void> {
    saveEdgeRow(this.db, after, this.requireSeq(after.from), this.requireSeq(after.to));
  }

  async deleteEdge(edge: GraphEdge): Promise<void> {
    deleteEdgeRow(this.db, edge.id);
  }

  async createModel(model: EmbeddingModel): Promise<void> {
    createModelTable(this.db, model.model, model.dimension);
  }

  async putVector(node: GraphNode, model: EmbeddingModel, vector: Vector, fresh: boolean): Promise<void> {
    const owner = { seq: this.requireSeq(node.id), kind: node.kind, level: node.level, review: node.review };
    putVector(this.db, this.modelInfo(model.model), owner, toFloat32(vector), fresh);
  }

  async deleteVector(node: GraphNode, model: string): Promise<void> {
    removeVector(this.db, this.modelInfo(model), this.requireSeq(node.id));
  }

  async audit(entry: AuditDraft): Promise<void> {
    appendAudit(this.db, { ...this.meta, ...entry });
  }
}
