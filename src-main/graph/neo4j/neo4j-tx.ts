import type { ManagedTransaction } from 'neo4j-driver';
import type * as D from '../driver.ts';
import type { EdgeType, GraphEdge, GraphNode, NodeKind } from '../model.ts';
import { listModels, putVector, readVector, readVectors } from './embeddings.ts';
import { edgeToProps, int, nodeToProps, nodeUpdateProps, toFloat32List, toNumber } from './mapping.ts';
import {
  CREATE_EDGE,
  CREATE_MODEL,
  CREATE_NODE,
  DELETE_EDGE,
  DELETE_NODE,
  DELETE_VECTOR,
  FIND_EDGE,
  LOCK_NODE,
  NODE_EDGES,
  REPOINT_EDGE,
  SAVE_EDGE,
  SAVE_NODE,
} from './queries.ts';
import { edgeById, nodeById, nodeByName, nodesById, rowToEdge } from './reads.ts';
import { lexicalRanking, vectorRanking } from './search.ts';
import type { SeenNodes } from './search.ts';
import { firstRow, rows } from './tx.ts';
import { StaleWriteError } from './tx.ts';
import type { WriteTx } from './tx.ts';

/** One managed transaction's reads. */
export class Neo4jReader implements D.GraphReader {
  protected readonly tx: ManagedTransaction;
  /**
   * Nodes the rankings of this read already returned: a search then reads its hits' nodes without another
   * round trip. Read transactions only (undefined in a writer, whose own writes would make them stale).
   */
  protected readonly seen: SeenNodes | undefined;

  constructor(tx: ManagedTransaction, cacheRankedNodes = true) {
    this.tx = tx;
    this.seen = cacheRankedNodes ? new Map() : undefined;
  }

  nodeById(id: string): Promise<GraphNode | null> {
    return nodeById(this.tx, id);
  }

  nodeByName(kind: NodeKind, normalizedName: string): Promise<GraphNode | null> {
    return nodeByName(this.tx, kind, normalizedName);
  }

  async nodesById(ids: readonly string[]): Promise<Map<string, GraphNode>> {
    const seen = this.seen;
    if (!seen) return nodesById(this.tx, ids);
    const found = await nodesById(
      this.tx,
      ids.filter((id) => !seen.has(id)),
    );
    for (const id of ids) {
      const node = seen.get(id);
      if (node) found.set(id, node);
    }
    return found;
  }

  edgeById(id: string): Promise<GraphEdge | null> {
    return edgeById(this.tx, id);
  }

  async findEdge(type: EdgeType, from: string, to: string): Promise<GraphEdge | null> {
    const row = await firstRow(this.tx, FIND_EDGE[type], { from, to });
    return row ? rowToEdge(row) : null;
  }

  async edgesOf(nodeId: string): Promise<GraphEdge[]> {
    return (await rows(this.tx, NODE_EDGES, { id: nodeId })).map(rowToEdge);
  }

  models(): Promise<D.EmbeddingModel[]> {
    return listModels(this.tx);
  }

  vectorOf(nodeId: string, model: string): Promise<number[] | null> {
    return readVector(this.tx, nodeId, model);
  }

  vectorsOf(nodeIds: readonly string[], model: string): Promise<Map<string, number[]>> {
    return readVectors(this.tx, nodeIds, model);
  }

  lexicalRanking(query: string, filters: D.SearchFilters, limit: number): Promise<D.Ranked[]> {
    return lexicalRanking(this.tx, query, filters, limit, this.seen);
  }

  vectorRanking(
    model: D.EmbeddingModel,
    vector: D.Vector,
    filters: D.SearchFilters,
    limit: number,
  ): Promise<D.Ranked[]> {
    return vectorRanking(this.tx, model, vector, filters, limit, this.seen);
  }
}

/**
 * One write transaction. Each write locks what it changes and checks, under that lock, that it is as this
 * transaction read it (versions, names, edges): a miss is a StaleWriteError and the driver runs the work again.
 * Audit entries are appended by the transaction's last statements (WriteTx.finish).
 */
export class Neo4jWriter extends Neo4jReader implements D.GraphWriter {
  readonly meta: D.WriteMeta;
  private readonly w: WriteTx;

  constructor(w: WriteTx) {
    super(w.tx, false);
    this.w = w;
    this.meta = w.meta;
  }

  /** Locks the node first, so no edge is added to or removed from it until this transaction ends. */
  override async edgesOf(nodeId: string): Promise<GraphEdge[]> {
    await this.w.rows(LOCK_NODE, { id: nodeId });
    return super.edgesOf(nodeId);
  }

  async insertNode(node: GraphNode): Promise<void> {
    const props = nodeToProps(node, this.w.nextSeq());
    const row = await this.w.expectRow(CREATE_NODE[node.kind], { props }, `${node.kind} name taken`);
    if (row.created !== true) throw new StaleWriteError(`${node.kind} created by another writer`);
  }

  async saveNode(before: GraphNode, after: GraphNode): Promise<void> {
    await this.w.expectRow(
      SAVE_NODE,
      { id: before.id, version: int(before.version), props: nodeUpdateProps(after) },
      `node ${before.id} changed`,
    );
  }

  async deleteNode(node: GraphNode): Promise<void> {
    const row = await this.w.first(DELETE_NODE, { id: node.id, version: int(node.version) });
    if (toNumber(row?.deleted) !== 1) throw new StaleWriteError(`node ${node.id} changed`);
  }

  async insertEdge(edge: GraphEdge): Promise<void> {
    await this.w.expectRow(
      CREATE_EDGE[edge.type],
      { ...endpoints(edge.from, edge.to), props: edgeToProps(edge, this.w.nextSeq()) },
      `${edge.type} edge added by another writer`,
    );
  }

  async saveEdge(before: GraphEdge, after: GraphEdge): Promise<void> {
    const stamps = { updatedBy: after.updatedBy, updatedAt: after.updatedAt, version: int(after.version) };
    const at = { id: before.id, version: int(before.version) };
    if (after.from !== before.from || after.to !== before.to) {
      // A relationship cannot change its endpoints: REPOINT_EDGE recreates it with the same properties.
      await this.w.expectRow(
        REPOINT_EDGE[before.type],
        { ...at, ...endpoints(after.from, after.to), props: stamps },
        `edge ${before.id} changed`,
      );
      return;
    }
    await this.w.expectRow(
      SAVE_EDGE[before.type],
      { ...at, props: { origin: after.origin, review: after.review, ...stamps } },
      `edge ${before.id} changed`,
    );
  }

  async deleteEdge(edge: GraphEdge): Promise<void> {
    const row = await this.w.first(DELETE_EDGE[edge.type], { id: edge.id, version: int(edge.version) });
    if (toNumber(row?.deleted) !== 1) throw new StaleWriteError(`edge ${edge.id} changed`);
  }

  async createModel(model: D.EmbeddingModel): Promise<void> {
    const row = await this.w.first(CREATE_MODEL, { model: model.model, dimension: int(model.dimension) });
    if (row?.created !== true) throw new StaleWriteError(`model ${model.model} registered by another writer`);
  }

  async putVector(node: GraphNode, model: D.EmbeddingModel, vector: D.Vector): Promise<void> {
    await putVector(this.tx, node.id, model, toFloat32List(vector));
  }

  async deleteVector(node: GraphNode, model: string): Promise<void> {
    await this.tx.run(DELETE_VECTOR, { nodeId: node.id, model });
  }

  async audit(entry: D.AuditDraft): Promise<void> {
    this.w.audit(entry);
  }
}

/** An edge's endpoints, and the same two ids in lock order (queries.ts LOCKED_ENDPOINTS). */
function endpoints(from: string, to: string): Record<string, string> {
  const [first, second] = from < to ? [from, to] : [to, from];
  return { from, to, first, second };
}
