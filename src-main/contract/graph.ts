import { z } from 'zod';
import { EDGE_TYPES, LIMITS, NODE_KINDS, REVIEW_STATES } from '../graph/model.ts';
import type { AuditEntry, GraphNode } from '../graph/model.ts';
import type { GraphStats, NodeRelation, Subgraph } from '../graph/views.ts';
import type { NodeNote } from '../graph/notes/node-note.ts';

/**
 * The Graph section's channels: browse, search and curate MotivGraph. Requests are parsed here (the transport
 * boundary) and again by the store; the schemas are written without Node APIs because the renderer's typecheck
 * reads this file too.
 */

export type { AuditEntry, EdgeType, GraphEdge, GraphNode, NodeKind, ReviewState } from '../graph/model.ts';
export type {
  GraphStats,
  HierarchyEntry,
  MotivationChain,
  NodeRelation,
  RelatedNode,
  Subgraph,
} from '../graph/views.ts';

const utf8 = new TextEncoder();

const NodeId = z.string().min(1).max(200);
const Version = z.int().min(1);
const Kind = z.enum(NODE_KINDS);
const Review = z.enum(REVIEW_STATES);
const NodeName = z
  .string()
  .max(LIMITS.nameMaxChars, `must be at most ${LIMITS.nameMaxChars} characters`)
  .refine((name) => name.trim().length > 0, 'must not be empty');
const Description = z
  .string()
  .refine(
    (text) => utf8.encode(text).length <= LIMITS.descriptionMaxBytes,
    `must be at most ${LIMITS.descriptionMaxBytes} bytes`,
  );

export const GRAPH_SEARCH_MODES = ['lexical', 'vector', 'hybrid'] as const;
export type GraphSearchMode = (typeof GRAPH_SEARCH_MODES)[number];

/** Where the graph lives, as the UI names it. `location` never carries credentials. */
export const GraphStoreInfoSchema = z.object({
  kind: z.enum(['embedded', 'neo4j']),
  location: z.string(),
});
export type GraphStoreInfo = z.infer<typeof GraphStoreInfoSchema>;

export const GraphStatsRequestSchema = z.strictObject({});
export interface GraphStatsView {
  store: GraphStoreInfo;
  stats: GraphStats;
  /** Sum of all node counts: 0 means the honest empty state. */
  totalNodes: number;
}

export const GraphSearchRequestSchema = z.strictObject({
  /** Blank: browse (a stable sample of the nodes matching the filters) instead of ranking. */
  query: z.string().max(2_000).default(''),
  mode: z.enum(GRAPH_SEARCH_MODES).default('hybrid'),
  kinds: z.array(Kind).min(1).optional(),
  review: z.array(Review).min(1).optional(),
  level: z.int().min(0).max(LIMITS.levelMax).optional(),
  limit: z.int().min(1).max(LIMITS.randomCountMax).default(25),
});
export interface GraphSearchHit {
  node: GraphNode;
  score: number;
  lexicalRank?: number;
  vectorRank?: number;
}
export interface GraphSearchResult {
  hits: GraphSearchHit[];
  /** What actually ran: hybrid degrades to lexical when no query vector can be made (see `note`). */
  mode: GraphSearchMode | 'browse';
  note: string | null;
}

export const GraphNodeRequestSchema = z.strictObject({
  id: NodeId,
  hierarchyDepth: z.int().min(1).max(10).default(3),
  neighbourLimit: z.int().min(1).max(500).default(50),
  chainLimit: z.int().min(1).max(500).default(50),
});
export interface GraphNodeDetail {
  relation: NodeRelation;
  /** Papers this node was extracted from (for a Paper: the nodes extracted from it are in `relation`). */
  papers: GraphNode[];
  /** The user's Markdown note on the node (graph.saveNote), null when there is none. */
  note: NodeNote | null;
}

export const GraphSubgraphRequestSchema = z.strictObject({
  ids: z.array(NodeId).min(1).max(50),
  depth: z.int().min(0).max(LIMITS.subgraphDepthMax).default(1),
  edgeTypes: z.array(z.enum(EDGE_TYPES)).min(1).optional(),
});

export const GraphReviewRequestSchema = z.strictObject({
  decision: Review,
  items: z
    .array(z.strictObject({ id: NodeId, expectedVersion: Version }))
    .min(1)
    .max(200),
});
export interface GraphReviewResult {
  nodes: GraphNode[];
}

export const GraphUpdateRequestSchema = z.strictObject({
  id: NodeId,
  expectedVersion: Version,
  patch: z
    .strictObject({
      name: NodeName.optional(),
      description: Description.optional(),
      aliases: z.array(NodeName).max(LIMITS.aliasesMax).optional(),
    })
    .refine((p) => Object.keys(p).length > 0, 'name, description or aliases must be given'),
});

export const GraphMergeRequestSchema = z
  .strictObject({
    keepId: NodeId,
    dropId: NodeId,
    expectedKeepVersion: Version,
    expectedDropVersion: Version,
  })
  .refine((m) => m.keepId !== m.dropId, { message: 'cannot merge a node into itself', path: ['dropId'] });

export const GraphAuditRequestSchema = z.strictObject({
  entityId: NodeId.optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  limit: z.int().min(1).max(500).default(50),
});

// Responses are produced by our own handlers from store types, so their schemas only carry the type.
const typed = <T>() => z.custom<T>(() => true);

export const graphChannels = {
  'graph.stats': { request: GraphStatsRequestSchema, response: typed<GraphStatsView>() },
  'graph.search': { request: GraphSearchRequestSchema, response: typed<GraphSearchResult>() },
  'graph.node': { request: GraphNodeRequestSchema, response: typed<GraphNodeDetail>() },
  'graph.subgraph': { request: GraphSubgraphRequestSchema, response: typed<Subgraph>() },
  'graph.review': { request: GraphReviewRequestSchema, response: typed<GraphReviewResult>() },
  'graph.update': { request: GraphUpdateRequestSchema, response: typed<GraphNode>() },
  'graph.merge': { request: GraphMergeRequestSchema, response: typed<GraphNode>() },
  'graph.audit': { request: GraphAuditRequestSchema, response: typed<AuditEntry[]>() },
} as const;

export type GraphChannel = keyof typeof graphChannels;

/** Pushed after a graph write through the app, so every open window refreshes its counts and lists. */
export const GraphChangedSchema = z.object({
  ids: z.array(z.string()),
  action: z.enum(['review', 'update', 'merge', 'create', 'delete', 'edge', 'import', 'note']),
});
export type GraphChanged = z.infer<typeof GraphChangedSchema>;
