import { EDGE_TYPES, NODE_KINDS } from '../model.ts';
import type { EdgeType, NodeKind } from '../model.ts';

/**
 * Every label, relationship type and property key the Neo4j adapter writes. Labels and types only ever reach
 * Cypher text from these allowlists (they cannot be parameters); the Cypher lint test checks queries against them.
 */
export const GRAPH_NODE_LABEL = 'GraphNode';
export const BOOKKEEPING_LABELS = [
  'Embedding',
  'EmbeddingModel',
  'AuditEntry',
  'GraphCounter',
  '__Migration',
  // the staged import (import-journal.ts)
  'ImportJournal',
  'ImportUndo',
  // the lab's notes on nodes (graph/notes/neo4j-notes-driver.ts)
  'NodeNote',
  'NodeNoteRevision',
];
export const NEO4J_LABELS: readonly string[] = [GRAPH_NODE_LABEL, ...NODE_KINDS, ...BOOKKEEPING_LABELS];
export const HAS_EMBEDDING = 'HAS_EMBEDDING';
export const NEO4J_RELATIONSHIP_TYPES: readonly string[] = [...EDGE_TYPES, HAS_EMBEDDING];

export const NODE_PROPERTY_KEYS = [
  'id',
  'kind',
  'name',
  'normalizedName',
  'description',
  'aliases',
  'level',
  'props',
  'origin',
  'review',
  'createdBy',
  'updatedBy',
  'createdAt',
  'updatedAt',
  'version',
  'seq',
] as const;

export const NEO4J_PROPERTY_KEYS: readonly string[] = [
  ...NODE_PROPERTY_KEYS,
  // Embedding / EmbeddingModel
  'nodeId',
  'model',
  'vector',
  'dimension',
  // GraphCounter
  'audit',
  'writes',
  'epoch',
  // AuditEntry
  'at',
  'actor',
  'action',
  'entityId',
  'before',
  'after',
  // __Migration
  'appliedAt',
  'checksum',
  // keys of the row maps in UNWIND $rows parameters (restore)
  'from',
  'to',
  // the staged import: ImportJournal, ImportUndo, the tag on staged rows, row-map keys
  'importId',
  'owner',
  'status',
  'startedAt',
  'leaseUntil',
  'expectedVersion',
  // the write lock a statement takes before it reads what it checks (set and removed in one transaction)
  '_lock',
  // NodeNote, NodeNoteRevision (nodeId, updatedBy, updatedAt are above)
  'text',
  'revision',
];

/** `PARENT_OF|HAS_CHALLENGE|…`: matches domain edges only, never the HAS_EMBEDDING bookkeeping link. */
export const ANY_EDGE = EDGE_TYPES.join('|');

export function perKind(build: (kind: NodeKind) => string): Readonly<Record<NodeKind, string>> {
  return Object.fromEntries(NODE_KINDS.map((kind) => [kind, build(kind)])) as Record<NodeKind, string>;
}

export function perEdgeType(build: (type: EdgeType) => string): Readonly<Record<EdgeType, string>> {
  return Object.fromEntries(EDGE_TYPES.map((type) => [type, build(type)])) as Record<EdgeType, string>;
}
