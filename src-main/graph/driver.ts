import type { z } from 'zod';
import type { GraphDump } from './dump-format.ts';
import type {
  AuditAction,
  AuditEntry,
  EdgeType,
  GraphEdge,
  GraphNode,
  NodeKind,
  ReviewState,
} from './model.ts';
import type { ImportResult } from './port.ts';
import type { CheckedDump } from './rules/restore-checks.ts';
import type { RestoreStep } from './restore-watch.ts';
import type {
  AuditQuerySchema,
  ImportBatchSchema,
  NodeRelationOptionsSchema,
  RandomNodesSchema,
  SubgraphSchema,
} from './schemas.ts';
import type { NodeRelation, Subgraph } from './views.ts';
import type { GraphOverview, GraphPath, WhiteSpace } from './explore-views.ts';
import type { OverviewQuery, WhitespaceQuery } from './explore-schemas.ts';

/**
 * The I/O a graph store needs from its database, and nothing else. `GraphStore` (graph-store.ts) holds every rule
 * (parsing, versions and conflicts, patches, edge checks, embedding-model choice, hybrid fusion, dump
 * validation) once; the embedded (SQLite) and Neo4j drivers only move rows. Inputs reaching a driver are parsed.
 */

export interface WriteMeta {
  actor: string;
  at: string;
}

/** A vector as the port accepts it. */
export type Vector = Float32Array | readonly number[];

export interface EmbeddingModel {
  model: string;
  dimension: number;
}

/** One entry of a ranked list: higher score is better. */
export interface Ranked {
  id: string;
  score: number;
}

export interface SearchFilters {
  kinds?: NodeKind[] | undefined;
  level?: number | undefined;
  review?: ReviewState[] | undefined;
}

export interface KeyCount {
  key: string;
  count: number;
}

/** Raw counts; GraphStore shapes them into the port's stats (rules/stats.ts). */
export interface GraphCounts {
  kinds: KeyCount[];
  edgeTypes: KeyCount[];
  review: KeyCount[];
  reviewByKind: Array<KeyCount & { kind: string }>;
  embeddings: Array<{ model: string; dimension: number; count: number }>;
  maxLevel: number;
  schemaVersion: number;
}

export interface AuditDraft {
  action: AuditAction;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Reads inside one transaction. */
export interface GraphReader {
  nodeById(id: string): Promise<GraphNode | null>;
  nodeByName(kind: NodeKind, normalizedName: string): Promise<GraphNode | null>;
  nodesById(ids: readonly string[]): Promise<Map<string, GraphNode>>;
  edgeById(id: string): Promise<GraphEdge | null>;
  findEdge(type: EdgeType, from: string, to: string): Promise<GraphEdge | null>;
  /** Every edge touching the node, either direction. */
  edgesOf(nodeId: string): Promise<GraphEdge[]>;
  models(): Promise<EmbeddingModel[]>;
  vectorOf(nodeId: string, model: string): Promise<number[] | null>;
  /** The stored vectors of these nodes for the model (nodes without one are absent), in one read. */
  vectorsOf(nodeIds: readonly string[], model: string): Promise<Map<string, number[]>>;
  /** Best first, at most `limit`; user text is never query syntax. Empty when the text has no words. */
  lexicalRanking(query: string, filters: SearchFilters, limit: number): Promise<Ranked[]>;
  /** Nearest first by cosine; score = 1 − cosine distance. The vector has the model's dimension. */
  vectorRanking(
    model: EmbeddingModel,
    vector: Vector,
    filters: SearchFilters,
    limit: number,
  ): Promise<Ranked[]>;
}

/** Writes inside one transaction that commits when the work resolves and rolls back when it throws. */
export interface GraphWriter extends GraphReader {
  readonly meta: WriteMeta;
  /** A complete node (new or restored). */
  insertNode(node: GraphNode): Promise<void>;
  /** Every field of `after` (name, description, aliases, level, props, origin, review, stamps, version). */
  saveNode(before: GraphNode, after: GraphNode): Promise<void>;
  /** The node with its edges and vectors. */
  deleteNode(node: GraphNode): Promise<void>;
  insertEdge(edge: GraphEdge): Promise<void>;
  /** origin, review, endpoints, stamps and version of `after`. */
  saveEdge(before: GraphEdge, after: GraphEdge): Promise<void>;
  deleteEdge(edge: GraphEdge): Promise<void>;
  createModel(model: EmbeddingModel): Promise<void>;
  /** Store or replace; `fresh` says the node cannot have a vector for the model yet (just created). */
  putVector(node: GraphNode, model: EmbeddingModel, vector: Vector, fresh: boolean): Promise<void>;
  /** Remove the node's vector for `model` (absent: nothing happens). */
  deleteVector(node: GraphNode, model: string): Promise<void>;
  audit(entry: AuditDraft): Promise<void>;
}

export type ParsedImportBatch = z.output<typeof ImportBatchSchema>;

export interface GraphDriver {
  readonly kind: string;
  read<T>(work: (reader: GraphReader) => Promise<T>): Promise<T>;
  /** One write transaction by `actor`, stamped with the time it starts (GraphWriter.meta). */
  write<T>(actor: string, work: (writer: GraphWriter) => Promise<T>): Promise<T>;

  nodeRelation(id: string, options: z.output<typeof NodeRelationOptionsSchema>): Promise<NodeRelation>;
  randomNodes(input: z.output<typeof RandomNodesSchema>): Promise<GraphNode[]>;
  subgraph(input: z.output<typeof SubgraphSchema>): Promise<Subgraph>;
  /** Shortest path between two stored nodes, edges of either direction, at most `maxHops`; null when none. */
  shortestPath(from: string, to: string, maxHops: number): Promise<GraphPath | null>;
  whiteSpace(query: WhitespaceQuery): Promise<WhiteSpace>;
  overview(query: OverviewQuery): Promise<GraphOverview>;
  counts(): Promise<GraphCounts>;
  /**
   * A value that changes whenever the graph does, by any writer (this process or another); null when unknown.
   * GraphStore keeps derived values (stats) while it stands.
   */
  stamp(): Promise<string | null>;
  auditLog(query: z.output<typeof AuditQuerySchema>): Promise<AuditEntry[]>;
  dump(): Promise<GraphDump>;
  /** A validated dump, written in one transaction (replace: the graph is cleared first). */
  restore(dump: CheckedDump, actor: string, replace: boolean, step: RestoreStep): Promise<void>;
  /**
   * A driver that cannot hold a whole batch in one transaction imports it its own way, with the same result;
   * without this, GraphStore applies the batch item by item in one `write`.
   */
  importBatch?(batch: ParsedImportBatch, actor: string): Promise<ImportResult>;
  close(): Promise<void>;
}
