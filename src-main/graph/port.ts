import type { z } from 'zod';
import type { GraphDump } from './dump-format.ts';
import type { RestoreWatch } from './restore-watch.ts';
import type { AuditEntry, GraphEdge, GraphNode, NodeEmbedding, NodeKind } from './model.ts';
import type {
  AddEdgeSchema,
  AuditQuerySchema,
  DeleteNodeSchema,
  ImportBatchSchema,
  MergeNodesSchema,
  NodeInputSchema,
  NodeRelationOptionsSchema,
  NodeSearchSchema,
  RandomNodesSchema,
  RemoveEdgeSchema,
  RestoreOptionsSchema,
  SetEmbeddingSchema,
  SubgraphSchema,
  UpdateEdgeSchema,
  UpdateNodeSchema,
  WriteContextSchema,
} from './schemas.ts';
import type { GraphStats, NodeRelation, Subgraph } from './views.ts';
import type { OverviewSchema, PathSchema, WhitespaceSchema } from './explore-schemas.ts';
import type { GraphOverview, GraphPath, WhiteSpace } from './explore-views.ts';
import type { DeletedNodeRecord, MergeStep } from './rules/undo-record.ts';
import type { RestoreDeletedResult, UnmergeResult } from './rules/undo-restore.ts';

/**
 * The GraphStore port: everything the app does with MotivGraph, implemented by the embedded (SQLite) and Neo4j
 * adapters and proven identical by `describeGraphStoreContract`.
 *
 * Rules every adapter keeps:
 * - Inputs are parsed with the zod schemas in `schemas.ts`; a bad input throws AppError('VALIDATION') whose
 *   details name the field, and nothing is written.
 * - Every write runs in one transaction and appends audit entries (who, when, before/after). A failed write
 *   leaves the store unchanged.
 * - A write naming a stale `expectedVersion` throws AppError('CONFLICT'); a missing id throws
 *   AppError('NOT_FOUND'). Names are unique per kind after `normalizeName`.
 */

export type * from './views.ts';
export type {
  DeletedNodeRecord,
  EdgeSkipReason,
  MergeRecord,
  MergeStep,
  SkippedEdge,
} from './rules/undo-record.ts';
export type { RestoreDeletedResult, UnmergeResult } from './rules/undo-restore.ts';
export type * from './explore-views.ts';

export type NodeInput = z.input<typeof NodeInputSchema>;
export type WriteContext = z.input<typeof WriteContextSchema>;
export type UpdateNodeInput = z.input<typeof UpdateNodeSchema>;
export type DeleteNodeInput = z.input<typeof DeleteNodeSchema>;
export type MergeNodesInput = z.input<typeof MergeNodesSchema>;
export type AddEdgeInput = z.input<typeof AddEdgeSchema>;
export type UpdateEdgeInput = z.input<typeof UpdateEdgeSchema>;
export type RemoveEdgeInput = z.input<typeof RemoveEdgeSchema>;
export type SetEmbeddingInput = z.input<typeof SetEmbeddingSchema>;
export type NodeSearchInput = z.input<typeof NodeSearchSchema>;
export type NodeRelationOptions = z.input<typeof NodeRelationOptionsSchema>;
export type RandomNodesInput = z.input<typeof RandomNodesSchema>;
export type SubgraphInput = z.input<typeof SubgraphSchema>;
export type ImportBatchInput = z.input<typeof ImportBatchSchema>;
export type AuditQuery = z.input<typeof AuditQuerySchema>;
export type RestoreOptions = z.input<typeof RestoreOptionsSchema>;
export type PathInput = z.input<typeof PathSchema>;
export type WhitespaceInput = z.input<typeof WhitespaceSchema>;
export type OverviewInput = z.input<typeof OverviewSchema>;

export interface UpsertResult {
  node: GraphNode;
  /** true when no node of this kind had the normalised name. */
  created: boolean;
  /** false when the upsert added nothing new (idempotent repeat): no version bump, no audit entry. */
  changed: boolean;
}

/** One merge with what it takes to undo it (rules/undo-record.ts). */
export interface RecordedMerge {
  node: GraphNode;
  step: MergeStep;
  /** The keeper as it was before this merge. */
  keepBefore: GraphNode;
}

export interface EdgeResult {
  edge: GraphEdge;
  /** false when an identical (type, from, to) edge already existed and was returned as is. */
  created: boolean;
}

export interface SearchHit {
  node: GraphNode;
  /** Higher is better. Lexical: −BM25; vector: 1 − cosine distance; hybrid: the RRF score. */
  score: number;
  /** 1-based ranks in each list that contributed (hybrid shows both). */
  lexicalRank?: number;
  vectorRank?: number;
}

export interface ImportResult {
  nodesCreated: number;
  nodesMerged: number;
  edgesCreated: number;
  embeddingsSet: number;
  /** The id of each batch node, in batch order. */
  nodeIds: string[];
}

export interface GraphStore {
  /** 'embedded' | 'neo4j': shown in diagnostics. */
  readonly kind: string;

  /**
   * Create, or merge into the node of the same kind and normalised name: aliases gain new spellings, an empty
   * description or missing props are filled, level takes the higher value. Repeating an upsert changes nothing.
   */
  upsertNode(input: NodeInput, ctx: WriteContext): Promise<UpsertResult>;
  getNode(id: string): Promise<GraphNode | null>;
  /** Lookup by kind and any spelling that normalises to the node's name (aliases not included). */
  getNodeByName(kind: NodeKind, name: string): Promise<GraphNode | null>;
  updateNode(input: UpdateNodeInput, ctx: WriteContext): Promise<GraphNode>;
  /** Deletes the node, its edges and embeddings; returns them all (the record `restoreDeleted` takes). */
  deleteNode(input: DeleteNodeInput, ctx: WriteContext): Promise<DeletedNodeRecord>;
  /**
   * Undo of a delete, in one transaction: the node re-created as it was (id, provenance, version, vectors) with
   * the edges whose other end still exists (the rest reported). `record` is untrusted: VALIDATION when malformed
   * or not fitting the graph (an edge not touching the node, a kind the edge type refuses); CONFLICT when the id
   * or the name is taken since.
   */
  restoreDeleted(record: unknown, ctx: WriteContext): Promise<RestoreDeletedResult>;
  /**
   * Fold `drop` into `keep` (same kind): edges re-pointed (duplicates and would-be self-loops dropped), the
   * dropped name and aliases kept as aliases, provenance edges (EXTRACTED_FROM) kept, embeddings the keeper lacks
   * taken over; `drop` is deleted.
   */
  mergeNodes(input: MergeNodesInput, ctx: WriteContext): Promise<GraphNode>;
  /** `mergeNodes`, also returning what the merge did (for `unmerge`). */
  mergeNodesRecorded(input: MergeNodesInput, ctx: WriteContext): Promise<RecordedMerge>;
  /**
   * Undo of one or more merges into the same keeper, in one transaction: the keeper's fields as they were before
   * (refused with CONFLICT, both versions in the details, when it changed since `record.keepVersion`), each
   * dropped node back with its vectors and its edges (moved ones moved back; the rest reported).
   */
  unmerge(record: unknown, ctx: WriteContext): Promise<UnmergeResult>;

  /** Idempotent on (type, from, to). Refuses self-loops, missing endpoints (NOT_FOUND) and disallowed kinds. */
  addEdge(input: AddEdgeInput, ctx: WriteContext): Promise<EdgeResult>;
  getEdge(id: string): Promise<GraphEdge | null>;
  updateEdge(input: UpdateEdgeInput, ctx: WriteContext): Promise<GraphEdge>;
  removeEdge(input: RemoveEdgeInput, ctx: WriteContext): Promise<void>;

  /**
   * Store or replace a node's vector for `model`. The first vector of a model fixes its dimension; another
   * dimension afterwards is VALIDATION (details.field = 'vector').
   */
  setEmbedding(input: SetEmbeddingInput, ctx: WriteContext): Promise<NodeEmbedding>;
  getEmbedding(nodeId: string, model: string): Promise<number[] | null>;

  /**
   * Lexical (BM25 over name, aliases, description; user text is never parsed as query syntax), vector (cosine
   * kNN) or hybrid (reciprocal rank fusion, k = 60). Hybrid without a vector is lexical; vector without a vector
   * is VALIDATION. Filters: kinds, exact level, review states.
   */
  nodeSearch(input: NodeSearchInput): Promise<SearchHit[]>;
  nodeRelation(id: string, options?: NodeRelationOptions): Promise<NodeRelation>;
  /**
   * `count` distinct nodes of the given kinds. With a seed the pick is reproducible on the same graph and the same
   * across stores: nodes ordered by id, indices drawn with `seededSample` (seeded-random.ts).
   */
  randomNodes(input: RandomNodesInput): Promise<GraphNode[]>;
  /** Nodes within `depth` hops of `ids` (both directions) and the edges among them. */
  subgraph(input: SubgraphInput): Promise<Subgraph>;
  /**
   * A shortest path between two nodes along edges of either direction, at most `maxHops` (default 4, max 6)
   * long; null when there is none that short. Missing endpoints are NOT_FOUND (details.field 'from' / 'to').
   */
  findPath(input: PathInput): Promise<GraphPath | null>;
  /**
   * The white-space map over non-rejected nodes: challenges by fewest solutions then most attention (problems,
   * citing ideas, papers), problems whose challenges are all unsolved, solutions used by one problem only.
   */
  whitespace(input?: WhitespaceInput): Promise<WhiteSpace>;
  /** The `limit` nodes of highest degree (default 300, ties by id), the edges among them, and the graph's size. */
  overview(input?: OverviewInput): Promise<GraphOverview>;
  stats(): Promise<GraphStats>;

  /** All nodes, edges and embeddings in one transaction: one bad item and nothing is written. */
  importBatch(input: ImportBatchInput, ctx: WriteContext): Promise<ImportResult>;
  dump(): Promise<GraphDump>;
  /** `dump` is untrusted JSON: validated first (errors name the JSON path), then written in one transaction. */
  restore(
    dump: unknown,
    ctx: WriteContext,
    options?: RestoreOptions,
    watch?: RestoreWatch,
  ): Promise<{ nodes: number; edges: number }>;

  /** Newest first. */
  auditLog(query?: AuditQuery): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
