import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { fieldIssues } from '../shared/zod-issues.ts';
import { NODE_KINDS } from './model.ts';
import type { GraphEdge, GraphNode } from './model.ts';
import type { NodeNote } from './notes/node-note.ts';
import {
  ActorSchema,
  AliasesSchema,
  DescriptionSchema,
  EdgePropsSchema,
  EdgeTypeSchema,
  EmbeddingModelSchema,
  LevelSchema,
  NodeIdSchema,
  NodeNameSchema,
  OriginSchema,
  PropsSchemaByKind,
  ReviewStateSchema,
} from './schemas.ts';

/**
 * The versioned JSON format that moves a whole graph between stores (embedded → the lab's Neo4j). Ids, versions,
 * timestamps and provenance travel unchanged; `normalizedName` is recomputed on restore, never trusted.
 */
export const DUMP_FORMAT = 'motivgraph-dump';
/** 2 added `notes` (the nodes' Markdown notes); version 1 dumps, which have none, are still read. */
export const DUMP_FORMAT_VERSION = 2;

const provenanceFields = {
  origin: OriginSchema,
  review: ReviewStateSchema,
  createdBy: ActorSchema,
  updatedBy: ActorSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().min(1),
};

const dumpNode = <K extends keyof typeof PropsSchemaByKind>(kind: K) =>
  z.strictObject({
    id: NodeIdSchema,
    kind: z.literal(kind),
    name: NodeNameSchema,
    normalizedName: z.string().optional(),
    description: DescriptionSchema,
    aliases: AliasesSchema,
    level: LevelSchema,
    props: PropsSchemaByKind[kind],
    ...provenanceFields,
  });

export const DumpNodeSchema = z.discriminatedUnion(
  'kind',
  NODE_KINDS.map((kind) => dumpNode(kind)) as unknown as [
    ReturnType<typeof dumpNode<'Problem'>>,
    ReturnType<typeof dumpNode<'Challenge'>>,
    ReturnType<typeof dumpNode<'Solution'>>,
    ReturnType<typeof dumpNode<'Paper'>>,
    ReturnType<typeof dumpNode<'Idea'>>,
    ReturnType<typeof dumpNode<'Topic'>>,
  ],
);

export const DumpEdgeSchema = z.strictObject({
  id: NodeIdSchema,
  type: EdgeTypeSchema,
  from: NodeIdSchema,
  to: NodeIdSchema,
  props: EdgePropsSchema,
  ...provenanceFields,
});

export const DumpEmbeddingSchema = z.strictObject({
  nodeId: NodeIdSchema,
  model: EmbeddingModelSchema,
  vector: z.array(z.number().refine(Number.isFinite, 'must be a finite number')).min(1),
});

// No size limit here: a merge may leave a note longer than a save allows, and a dump carries it whole.
const DumpNoteSchema = z.strictObject({
  nodeId: NodeIdSchema,
  text: z.string(),
  revision: z.int().min(1),
  updatedBy: ActorSchema,
  updatedAt: z.iso.datetime(),
});

export const GraphDumpSchema = z
  .strictObject({
    format: z.literal(DUMP_FORMAT),
    formatVersion: z.union([z.literal(1), z.literal(DUMP_FORMAT_VERSION)]),
    exportedAt: z.iso.datetime(),
    nodes: z.array(DumpNodeSchema),
    edges: z.array(DumpEdgeSchema),
    embeddings: z.array(DumpEmbeddingSchema),
    notes: z.array(DumpNoteSchema).optional(),
  })
  .superRefine((dump, ctx) => {
    const ids = new Set(dump.nodes.map((n) => n.id));
    const noted = new Set<string>();
    dump.notes?.forEach((note, i) => {
      const problem = !ids.has(note.nodeId)
        ? 'is not a node of this dump'
        : noted.has(note.nodeId)
          ? 'has a second note'
          : null;
      if (problem) ctx.addIssue({ code: 'custom', path: ['notes', i, 'nodeId'], message: problem });
      noted.add(note.nodeId);
    });
  });

export interface DumpEmbedding {
  nodeId: string;
  model: string;
  vector: number[];
}

export interface GraphDump {
  format: typeof DUMP_FORMAT;
  formatVersion: 1 | typeof DUMP_FORMAT_VERSION;
  exportedAt: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  embeddings: DumpEmbedding[];
  /** The nodes' notes (graph/notes/); a store's own dump has none, the services add them. */
  notes?: NodeNote[];
}

/** Parse an untrusted dump; a malformed one fails with VALIDATION naming the JSON path (`nodes.3.kind`). */
export function parseGraphDump(input: unknown): GraphDump {
  const parsed = GraphDumpSchema.safeParse(input);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    const first = issues[0];
    throw new AppError(
      'VALIDATION',
      `Malformed graph dump at ${first?.path ?? '(root)'}: ${first?.message ?? ''}`,
      {
        path: first?.path,
        issues,
      },
    );
  }
  return parsed.data as GraphDump;
}

/** A store's dump with the notes of its nodes (the notes live beside the store, graph/notes/). */
export function withNotes(dump: GraphDump, notes: readonly NodeNote[]): GraphDump {
  const ids = new Set(dump.nodes.map((n) => n.id));
  return { ...dump, notes: notes.filter((n) => ids.has(n.nodeId)) };
}
