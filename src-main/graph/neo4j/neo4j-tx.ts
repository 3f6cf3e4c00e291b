import type { ManagedTransaction } from 'neo4j-driver';
import type * as D from '../driver.ts';
import type { EdgeType, GraphEdge, GraphNode, NodeKind } from '../model.ts';
import { listModels, putVector, readVector } from './embeddings.ts';
import { edgeToProps, int, nodeToProps, nodeUpdateProps, toFloat32List } from './mapping.ts';
import {
  CREATE_EDGE,
  CREATE_MODEL,
  CREATE_NODE,
  DELETE_EDGE,
  DELETE_NODE,
  FIND_EDGE,
  NODE_EDGES,
  REPOINT_EDGE,
  SAVE_EDGE,
  SAVE_NODE,
} from './queries.ts';
import { edgeById, nodeById, nodeByName, nodesById, rowToEdge } from './reads.ts';
import { lexicalRanking, vectorRanking } from './search.ts';
import { firstRow, rows } from './tx.ts';
import type { WriteTx } from './tx.ts';

/** One managed transaction's reads. */
export class Neo4jReader implements D.GraphReader {
  protected readonly tx: ManagedTransaction;

  constructor(tx: ManagedTransaction) {
    this.tx = tx;
  }

  nodeById(id: string): Promise<GraphNode | null> {
    return nodeById(this.tx, id);
  }

  nodeByName(kind: NodeKind, normalizedName: string): Promise<GraphNode | null> {
    return nodeByName(this.tx, kind, normalizedName);
  }

  nodesById(ids: readonly string[]): Promise<Map<string, GraphNode>> {
    return nodesById(this.tx, ids);
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

  lexicalRanking(query: string, filters: D.SearchFilters, limit: number): Promise<D.Ranked[]> {
    return lexicalRanking(this.tx, query, filters, limit);
  }

  vectorRanking(
    model: D.EmbeddingModel,
    vector: D.Vector,
    filters: D.SearchFilters,
    limit: number,
  ): Promise<D.Ranked[]> {
    return vectorRanking(this.tx, model, vector, filters, limit);
  }
}

/** One write transaction (under the graph's write lock); audit entries are appended just before it commits. */
export class Neo4jWriter extends Neo4jReader implements D.GraphWriter {
  readonly meta: D.WriteMeta;
  private readonly w: WriteTx;

  constructor(w: WriteTx) {
    super(w.tx);
    this.w = w;
    this.meta = w.meta;
  }

  async insertNode(node: GraphNode): Promise<void> {
    const seq = await this.w.nextSeq();
    await this.w.rows(CREATE_NODE[node.kind], { props: nodeToProps(node, seq) });
  }

  async saveNode(before: GraphNode, after: GraphNode): Promise<void> {
    await this.w.rows(SAVE_NODE, { id: before.id, props: nodeUpdateProps(after) });
  }

  async deleteNode(node: GraphNode): Promise<void> {
    await this.w.rows(DELETE_NODE, { id: node.id });
  }

  async insertEdge(edge: GraphEdge): Promise<void> {
    const seq = await this.w.nextSeq();
    await this.w.rows(CREATE_EDGE[edge.type], {
      from: edge.from,
      to: edge.to,
      props: edgeToProps(edge, seq),
    });
  }

  async saveEdge(before: GraphEdge, after: GraphEdge): Promise<void> {
    const stamps = { updatedBy: after.updatedBy, updatedAt: after.updatedAt, version: int(after.version) };
    if (after.from !== before.from || after.to !== before.to) {
      // A relationship cannot change its endpoints: REPOINT_EDGE recreates it with the same properties.
      await this.w.rows(REPOINT_EDGE[before.type], {
        id: before.id,
        from: after.from,
        to: after.to,
        props: stamps,
      });
      return;
    }
    await this.w.rows(SAVE_EDGE[before.type], {
      id: before.id,
      props: { origin: after.origin, review: after.review, ...stamps },
    });
  }

  async deleteEdge(edge: GraphEdge): Promise<void> {
    await this.w.rows(DELETE_EDGE[edge.type], { id: edge.id });
  }

  async createModel(model: D.EmbeddingModel): Promise<void> {
    await this.w.rows(CREATE_MODEL, { model: model.model, dimension: int(model.dimension) });
  }

  async putVector(node: GraphNode, model: D.EmbeddingModel, vector: D.Vector): Promise<void> {
    await putVector(this.tx, node.id, model, toFloat32List(vector));
  }

  async audit(entry: D.AuditDraft): Promise<void> {
    this.w.audit(entry);
  }
}
