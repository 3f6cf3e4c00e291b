import type { EdgeType, GraphEdge, GraphNode, NodeKind, ReviewState } from './model.ts';

/**
 * What the graph's read operations return (`GraphStore.nodeRelation`, `subgraph`, `stats`). Plain types with no
 * Node or zod dependency, so the renderer contract can name them too.
 */

export interface RelatedNode {
  node: GraphNode;
  edge: GraphEdge;
}

export interface HierarchyEntry {
  node: GraphNode;
  /** 1 = direct parent (or child). */
  depth: number;
}

/** One motivation chain through the node: problem → challenge → solution (solution absent when none). */
export interface MotivationChain {
  problem: GraphNode;
  challenge: GraphNode;
  solution?: GraphNode;
}

export interface NodeRelation {
  node: GraphNode;
  description: string;
  /** Per edge type, the neighbours reached along outgoing and incoming edges (capped, sorted by name). */
  neighbours: Record<EdgeType, { outgoing: RelatedNode[]; incoming: RelatedNode[] }>;
  /** PARENT_OF ancestors (up) and descendants (down), nearest first. */
  ancestors: HierarchyEntry[];
  descendants: HierarchyEntry[];
  chains: MotivationChain[];
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** true when the node cap stopped the expansion. */
  truncated: boolean;
}

export interface GraphStats {
  nodes: Record<NodeKind, number>;
  edges: Record<EdgeType, number>;
  /** Review states over every node. */
  review: Record<ReviewState, number>;
  /**
   * The same per kind (every kind and state present, 0 when absent): the Graph section's review queue counts
   * problems, challenges and solutions from it (src-renderer/features/graph/review-counts.ts).
   */
  reviewByKind: Record<NodeKind, Record<ReviewState, number>>;
  embeddings: Array<{ model: string; dimension: number; count: number }>;
  /** Highest level per motivation kind (0 when there is no hierarchy). */
  maxLevel: number;
  schemaVersion: number;
}
