/**
 * The MotivGraph domain model shared by every GraphStore adapter (embedded SQLite, Neo4j).
 * Plain data only: no I/O here, so the renderer contract and both stores can depend on it.
 */

export const NODE_KINDS = ['Problem', 'Challenge', 'Solution', 'Paper', 'Idea', 'Topic'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The three kinds mined from papers; random sampling and P→C→S chains range over them. */
export const MOTIVATION_KINDS = ['Problem', 'Challenge', 'Solution'] as const satisfies readonly NodeKind[];
export type MotivationKind = (typeof MOTIVATION_KINDS)[number];

export const EDGE_TYPES = ['PARENT_OF', 'HAS_CHALLENGE', 'SOLVED_BY', 'EXTRACTED_FROM', 'CITES'] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

/** mined: extracted from a paper by the LLM miner; curated: written or approved by a person; imported: from a
 * file; generated: written by the ideator's LLM (Idea nodes and their CITES edges). */
export const ORIGINS = ['mined', 'curated', 'imported', 'generated'] as const;
export type Origin = (typeof ORIGINS)[number];

export const REVIEW_STATES = ['proposed', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const IDEA_STATUSES = ['draft', 'in_review', 'accepted', 'rejected', 'archived'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/** Allowed (from, to) kinds per edge type. Anything else is refused with VALIDATION. */
export const EDGE_RULES: Readonly<Record<EdgeType, ReadonlyArray<readonly [NodeKind, NodeKind]>>> = {
  // parent → child, always the same kind (abstract parent problem → mined problem, …)
  PARENT_OF: [
    ['Problem', 'Problem'],
    ['Challenge', 'Challenge'],
    ['Solution', 'Solution'],
    ['Topic', 'Topic'],
  ],
  HAS_CHALLENGE: [['Problem', 'Challenge']],
  SOLVED_BY: [['Challenge', 'Solution']],
  // provenance: the paper a node was mined from
  EXTRACTED_FROM: [
    ['Problem', 'Paper'],
    ['Challenge', 'Paper'],
    ['Solution', 'Paper'],
    ['Topic', 'Paper'],
    ['Idea', 'Paper'],
  ],
  // an idea (one of its versions, see EdgeProps.ideaVersion) rests on graph nodes and papers
  CITES: [
    ['Idea', 'Problem'],
    ['Idea', 'Challenge'],
    ['Idea', 'Solution'],
    ['Idea', 'Paper'],
    ['Idea', 'Topic'],
  ],
};

export function isEdgeAllowed(type: EdgeType, fromKind: NodeKind, toKind: NodeKind): boolean {
  return EDGE_RULES[type].some(([from, to]) => from === fromKind && to === toKind);
}

/** Input limits from the issue; the schemas and both stores enforce them. */
export const LIMITS = {
  nameMaxChars: 200,
  descriptionMaxBytes: 20 * 1024,
  aliasesMax: 100,
  levelMax: 32,
  searchLimitMax: 200,
  randomCountMax: 100,
  subgraphDepthMax: 3,
  subgraphNodeCap: 2_000,
  embeddingDimensionMax: 4_096,
} as const;

export type EmptyProps = Record<string, never>;

export interface PaperProps {
  authors: string[];
  year?: number;
  venue?: string;
  abstract?: string;
  doi?: string;
  arxivId?: string;
  url?: string;
}

export interface IdeaProps {
  status: IdeaStatus;
  /** The latest idea version; CITES edges name the version they belong to. */
  currentVersion: number;
  scores: Record<string, number>;
}

export interface NodePropsByKind {
  Problem: EmptyProps;
  Challenge: EmptyProps;
  Solution: EmptyProps;
  Paper: PaperProps;
  Idea: IdeaProps;
  Topic: EmptyProps;
}

/** Who wrote what, and when; carried by every node and edge. */
export interface Provenance {
  origin: Origin;
  review: ReviewState;
  createdBy: string;
  updatedBy: string;
  /** ISO-8601 UTC timestamps. */
  createdAt: string;
  updatedAt: string;
  /** Starts at 1, +1 on every change. A write names the version it read (optimistic concurrency). */
  version: number;
}

interface NodeBase<K extends NodeKind> extends Provenance {
  /** A UUIDv7 (`newId`, ids.ts): stable across renames and merges, and the same in both stores after dump → restore. */
  id: string;
  kind: K;
  /** Stored verbatim (quotes, backticks, Unicode). For a Paper this is its title. */
  name: string;
  /** `normalizeName(name)`: unique per kind. */
  normalizedName: string;
  description: string;
  aliases: string[];
  /** 0 = mined from a paper, ≥ 1 = abstract parent. */
  level: number;
  props: NodePropsByKind[K];
}

export type GraphNode = { [K in NodeKind]: NodeBase<K> }[NodeKind];
export type GraphNodeOf<K extends NodeKind> = NodeBase<K>;

export interface EdgeProps {
  /** CITES only: the idea version that cites the target. */
  ideaVersion?: number;
}

export interface GraphEdge extends Provenance {
  id: string;
  type: EdgeType;
  from: string;
  to: string;
  props: EdgeProps;
}

export interface NodeEmbedding {
  nodeId: string;
  model: string;
  dimension: number;
}

export const AUDIT_ACTIONS = [
  'node.create',
  'node.update',
  'node.delete',
  'node.merge',
  'edge.create',
  'edge.update',
  'edge.delete',
  'embedding.set',
  'graph.restore',
  /** A deleted node re-created from its undo record, or a merge's dropped node brought back. */
  'node.restore',
  /** The keeper of a merge set back to what it was before the merge. */
  'node.unmerge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Monotonic per store. */
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  entityId: string;
  /** JSON snapshots; null when the entity did not exist before / after. */
  before: unknown;
  after: unknown;
}
