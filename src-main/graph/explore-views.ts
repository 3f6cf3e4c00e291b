import type { GraphEdge, GraphNode } from './model.ts';

/**
 * What the explorer's reads return (`GraphStore.path`, `whitespace`, `overview`). Plain types, so the renderer
 * contract can name them too.
 */

/** A shortest path, edges taken in either direction: `nodes[i]` and `nodes[i + 1]` are joined by `edges[i]`. */
export interface GraphPath {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A challenge and how much of the graph points at it. */
export interface ChallengeGap {
  challenge: GraphNode;
  /** SOLVED_BY edges leaving the challenge. */
  solutions: number;
  /** Problems (HAS_CHALLENGE in), ideas (CITES in) and papers (EXTRACTED_FROM out) around it. */
  problems: number;
  ideas: number;
  papers: number;
  /** problems + ideas + papers. */
  attention: number;
}

/** A problem with at least one challenge, none of which has a solution. */
export interface UnsolvedProblem {
  problem: GraphNode;
  challenges: number;
}

/** A solution reached (Problem → Challenge → Solution) from exactly one problem: a candidate for transfer. */
export interface TransferCandidate {
  solution: GraphNode;
  /** The one problem (area) it is used in. */
  area: GraphNode;
  /** Challenges it solves. */
  challenges: number;
}

export interface WhiteSpace {
  /** Fewest solutions first, then most attention, then id. */
  challenges: ChallengeGap[];
  /** Most challenges first, then id. */
  unsolvedProblems: UnsolvedProblem[];
  /** Most challenges solved first, then id. */
  transferCandidates: TransferCandidate[];
}

/** The best-connected nodes of the whole graph and the edges among them, with the graph's true size. */
export interface GraphOverview {
  nodes: Array<{ node: GraphNode; degree: number }>;
  edges: GraphEdge[];
  totalNodes: number;
  totalEdges: number;
}
