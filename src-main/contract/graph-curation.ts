import { z } from 'zod';
import { GRAPH_EXPORT_FORMATS } from '../graph/export/formats.ts';
import type { GraphExport } from '../graph/export/formats.ts';
import { LIMITS } from '../graph/model.ts';
import { NOTE_MAX_BYTES } from '../graph/notes/node-note.ts';
import type { NodeNote } from '../graph/notes/node-note.ts';
import type { GraphEdge, GraphNode } from '../graph/model.ts';
import type { SkippedEdge } from '../graph/rules/undo-record.ts';
import type { KeepNoteOutcome } from '../graph/notes/note-undo.ts';
import type { GraphStoreInfo } from './graph.ts';

/**
 * Curating the graph by hand: create and delete nodes, add and remove edges, merge, undo a delete or a merge,
 * export and import. Every write
 * that changes or removes something names the version it read, so a second writer's change is refused
 * (CONFLICT), never overwritten. Schemas without Node APIs: the renderer's typecheck reads this file too.
 */

export type { NodeNote } from '../graph/notes/node-note.ts';
export type { ExportedFile, GraphExport, GraphExportFormat } from '../graph/export/formats.ts';
export { GRAPH_EXPORT_FORMATS } from '../graph/export/formats.ts';

const utf8 = new TextEncoder();
const NodeId = z.string().min(1).max(200);
const Version = z.int().min(1);
const NodeName = z
  .string()
  .max(LIMITS.nameMaxChars, `must be at most ${LIMITS.nameMaxChars} characters`)
  .refine((name) => name.trim().length > 0, 'must not be empty');

/** Papers come from imports and ideas from the ideator; a person creates the rest. */
export const CURATABLE_KINDS = ['Problem', 'Challenge', 'Solution', 'Topic'] as const;
/** CITES edges belong to an idea version and are written by the ideator only. */
export const CURATABLE_EDGE_TYPES = ['PARENT_OF', 'HAS_CHALLENGE', 'SOLVED_BY', 'EXTRACTED_FROM'] as const;
export type CuratableEdgeType = (typeof CURATABLE_EDGE_TYPES)[number];

export const GraphCreateRequestSchema = z.strictObject({
  kind: z.enum(CURATABLE_KINDS),
  name: NodeName,
  description: z
    .string()
    .refine((t) => utf8.encode(t).length <= LIMITS.descriptionMaxBytes, 'is too long')
    .default(''),
  aliases: z.array(NodeName).max(LIMITS.aliasesMax).default([]),
});

export const GraphDeletePreviewRequestSchema = z.strictObject({ id: NodeId });
export interface GraphDeletePreview {
  node: GraphNode;
  /** Every edge that goes with the node, and the node at its other end. */
  edges: Array<{ edge: GraphEdge; other: Pick<GraphNode, 'id' | 'kind' | 'name'> }>;
  /** The node has more neighbours than one read returns: `edges` lists only some of what goes with it. */
  truncated: boolean;
}

export const GraphDeleteRequestSchema = z.strictObject({ id: NodeId, expectedVersion: Version });
export interface GraphDeleteResult {
  id: string;
  edgesRemoved: number;
  /** Gives the node back (graph.restoreDeleted); null when it had too many edges to keep for undo. */
  undo: string | null;
}

/** An undo token is opaque to the window: signed by the core, which also checks it against the store. */
export const UNDO_TOKEN_MAX_CHARS = 4_000_000;
const UndoToken = z.strictObject({ undo: z.string().min(1).max(UNDO_TOKEN_MAX_CHARS) });
export type { SkippedEdge } from '../graph/rules/undo-record.ts';
export type { KeepNoteOutcome } from '../graph/notes/note-undo.ts';

export const GraphRestoreDeletedRequestSchema = UndoToken;
export interface GraphRestoreDeletedResult {
  node: GraphNode;
  edgesRestored: number;
  /** Edges not put back: their other end is gone, or someone re-added them. */
  edgesSkipped: SkippedEdge[];
  /** The node's note came back with it (false: it had none). */
  noteRestored: boolean;
}

export const GraphUnmergeRequestSchema = UndoToken;
export interface GraphUnmergeResult {
  /** The surviving node with its name, aliases and description as before the merge. */
  keep: GraphNode;
  /** The nodes that were folded into it, back as they were. */
  restored: GraphNode[];
  edgesRestored: number;
  edgesSkipped: SkippedEdge[];
  /** How many of the folded nodes got their own note back. */
  notesRestored: number;
  /**
   * The survivor's note: back as before the merge, untouched (the merge did not change it), or kept as someone
   * saved it after the merge (never overwritten).
   */
  keepNote: KeepNoteOutcome;
}

export interface GraphMergeResult {
  node: GraphNode;
  /** Takes the merge back (graph.unmerge); null when it moved too many edges to keep for undo. */
  undo: string | null;
}

export const GraphAddEdgeRequestSchema = z
  .strictObject({ type: z.enum(CURATABLE_EDGE_TYPES), from: NodeId, to: NodeId })
  .refine((e) => e.from !== e.to, { message: 'an edge cannot join a node to itself', path: ['to'] });
export interface GraphAddEdgeResult {
  edge: GraphEdge;
  /** false when the same edge already existed (it is returned as is). */
  created: boolean;
}

export const GraphRemoveEdgeRequestSchema = z.strictObject({ id: NodeId, expectedVersion: Version });

export const GraphExportRequestSchema = z.strictObject({
  format: z.enum(GRAPH_EXPORT_FORMATS),
  /** A selection; without it the whole graph. */
  ids: z.array(NodeId).min(1).max(10_000).optional(),
});

export const GraphImportRequestSchema = z.strictObject({
  /** A `motivgraph-dump` as parsed JSON: validated by the store, errors name the JSON path. */
  dump: z.unknown(),
  /** true: the dump replaces the graph; false: refused (CONFLICT) unless the graph is empty. */
  replace: z.boolean().default(false),
});
export interface GraphImportResult {
  nodes: number;
  edges: number;
}

export const GraphSaveNoteRequestSchema = z.strictObject({
  id: NodeId,
  /** The revision the editor opened (0: the node had no note). */
  expectedRevision: z.int().min(0),
  text: z
    .string()
    .refine((t) => utf8.encode(t).length <= NOTE_MAX_BYTES, `must be at most ${NOTE_MAX_BYTES / 1024} KB`),
});

export const GraphMergeIntoRequestSchema = z
  .strictObject({
    keepId: NodeId,
    expectedKeepVersion: Version,
    /** The nodes folded into `keepId`, each at the version the user saw. */
    drops: z
      .array(z.strictObject({ id: NodeId, expectedVersion: Version }))
      .min(1)
      .max(20),
    /** The surviving name (one of the merged names or a new one); the others stay as aliases. */
    name: NodeName.optional(),
  })
  .refine((m) => !m.drops.some((d) => d.id === m.keepId), {
    message: 'cannot merge a node into itself',
    path: ['drops'],
  })
  .refine((m) => new Set(m.drops.map((d) => d.id)).size === m.drops.length, {
    message: 'a node is named twice',
    path: ['drops'],
  });

export const GraphPushRequestSchema = z.strictObject({
  /** true: the lab graph is replaced by this computer's; false: refused unless the lab graph is empty. */
  replace: z.boolean().default(false),
});

export const GraphLabStatusRequestSchema = z.strictObject({});
/** Which graph this app works on and as whom; whether that graph answers right now. */
export interface GraphLabStatus {
  store: GraphStoreInfo;
  /** Recorded on every graph write: the Settings display name, else the OS account. */
  actor: string;
  /** false when the store cannot be reached (Neo4j down, wrong address); `problem` says why. */
  reachable: boolean;
  problem: string | null;
}

const typed = <T>() => z.custom<T>(() => true);

export const graphCurationChannels = {
  'graph.create': { request: GraphCreateRequestSchema, response: typed<GraphNode>() },
  'graph.deletePreview': { request: GraphDeletePreviewRequestSchema, response: typed<GraphDeletePreview>() },
  'graph.delete': { request: GraphDeleteRequestSchema, response: typed<GraphDeleteResult>() },
  'graph.addEdge': { request: GraphAddEdgeRequestSchema, response: typed<GraphAddEdgeResult>() },
  'graph.removeEdge': { request: GraphRemoveEdgeRequestSchema, response: typed<{ id: string }>() },
  'graph.export': { request: GraphExportRequestSchema, response: typed<GraphExport>() },
  'graph.import': { request: GraphImportRequestSchema, response: typed<GraphImportResult>() },
  'graph.mergeInto': { request: GraphMergeIntoRequestSchema, response: typed<GraphMergeResult>() },
  'graph.restoreDeleted': {
    request: GraphRestoreDeletedRequestSchema,
    response: typed<GraphRestoreDeletedResult>(),
  },
  'graph.unmerge': { request: GraphUnmergeRequestSchema, response: typed<GraphUnmergeResult>() },
  'graph.push': { request: GraphPushRequestSchema, response: typed<GraphImportResult>() },
  'graph.labStatus': { request: GraphLabStatusRequestSchema, response: typed<GraphLabStatus>() },
  'graph.saveNote': { request: GraphSaveNoteRequestSchema, response: typed<NodeNote>() },
} as const;

export type GraphCurationChannel = keyof typeof graphCurationChannels;
