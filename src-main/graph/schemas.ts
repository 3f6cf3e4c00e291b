import { z } from 'zod';
import { EDGE_TYPES, IDEA_STATUSES, LIMITS, NODE_KINDS, ORIGINS, REVIEW_STATES } from './model.ts';

/**
 * zod schemas for every GraphStore input. Both adapters parse with these at the port boundary, so a bad input
 * is refused with the same VALIDATION error (details name the field) before any write starts.
 */

export const NodeKindSchema = z.enum(NODE_KINDS);
export const EdgeTypeSchema = z.enum(EDGE_TYPES);
export const OriginSchema = z.enum(ORIGINS);
export const ReviewStateSchema = z.enum(REVIEW_STATES);

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Stored verbatim; only blank names and names over the limit are refused. */
export const NodeNameSchema = z
  .string()
  .max(LIMITS.nameMaxChars, `must be at most ${LIMITS.nameMaxChars} characters`)
  .refine((name) => name.trim().length > 0, 'must not be empty');

export const DescriptionSchema = z
  .string()
  .refine(
    (text) => utf8Bytes(text) <= LIMITS.descriptionMaxBytes,
    `must be at most ${LIMITS.descriptionMaxBytes} bytes`,
  );

export const AliasesSchema = z.array(NodeNameSchema).max(LIMITS.aliasesMax);
export const LevelSchema = z.int().min(0).max(LIMITS.levelMax);
export const ActorSchema = z.string().trim().min(1).max(200);
export const NodeIdSchema = z.string().min(1).max(200);

export const PaperPropsSchema = z.strictObject({
  authors: z.array(z.string().max(500)).max(500).default([]),
  year: z.int().min(1000).max(3000).optional(),
  venue: z.string().max(500).optional(),
  abstract: DescriptionSchema.optional(),
  doi: z.string().max(300).optional(),
  arxivId: z.string().max(100).optional(),
  url: z.string().max(2_000).optional(),
});

export const IdeaPropsSchema = z.strictObject({
  status: z.enum(IDEA_STATUSES).default('draft'),
  currentVersion: z.int().min(1).default(1),
  scores: z.record(z.string().max(100), z.number()).default({}),
});

export const EmptyPropsSchema = z.strictObject({});

export const PropsSchemaByKind = {
  Problem: EmptyPropsSchema,
  Challenge: EmptyPropsSchema,
  Solution: EmptyPropsSchema,
  Paper: PaperPropsSchema,
  Idea: IdeaPropsSchema,
  Topic: EmptyPropsSchema,
} as const;

export const EmbeddingVectorSchema = z.union([
  z.custom<Float32Array>(
    (value) => value instanceof Float32Array && value.every(Number.isFinite),
    'must be a Float32Array of finite numbers',
  ),
  z.array(z.number().refine(Number.isFinite, 'must be a finite number')),
]);

export const EmbeddingModelSchema = z.string().trim().min(1).max(200);

const nodeFields = {
  name: NodeNameSchema,
  description: DescriptionSchema.default(''),
  aliases: AliasesSchema.default([]),
  level: LevelSchema.default(0),
  origin: OriginSchema.default('curated'),
  review: ReviewStateSchema.default('proposed'),
};

const nodeVariant = <K extends string, P extends z.ZodType, E extends z.ZodRawShape>(
  kind: K,
  props: P,
  extra: E,
) => z.strictObject({ kind: z.literal(kind), ...nodeFields, props, ...extra });

/** One variant per kind. Props may be omitted on input; Paper and Idea then get their field defaults. */
const nodeVariants = <E extends z.ZodRawShape>(extra: E) =>
  [
    nodeVariant('Problem', EmptyPropsSchema.default({}), extra),
    nodeVariant('Challenge', EmptyPropsSchema.default({}), extra),
    nodeVariant('Solution', EmptyPropsSchema.default({}), extra),
    nodeVariant('Paper', PaperPropsSchema.prefault({}), extra),
    nodeVariant('Idea', IdeaPropsSchema.prefault({}), extra),
    nodeVariant('Topic', EmptyPropsSchema.default({}), extra),
  ] as const;

export const NodeInputSchema = z.discriminatedUnion('kind', nodeVariants({}));

export const WriteContextSchema = z.strictObject({ actor: ActorSchema });

export const NodePatchSchema = z.strictObject({
  name: NodeNameSchema.optional(),
  description: DescriptionSchema.optional(),
  aliases: AliasesSchema.optional(),
  level: LevelSchema.optional(),
  origin: OriginSchema.optional(),
  review: ReviewStateSchema.optional(),
  /** Replaces the kind's props as a whole; checked against the node's kind. */
  props: z.record(z.string(), z.unknown()).optional(),
});

export const UpdateNodeSchema = z.strictObject({
  id: NodeIdSchema,
  expectedVersion: z.int().min(1),
  patch: NodePatchSchema,
});

export const DeleteNodeSchema = z.strictObject({
  id: NodeIdSchema,
  expectedVersion: z.int().min(1).optional(),
});

export const MergeNodesSchema = z
  .strictObject({
    keepId: NodeIdSchema,
    dropId: NodeIdSchema,
    expectedKeepVersion: z.int().min(1).optional(),
    expectedDropVersion: z.int().min(1).optional(),
  })
  .refine((m) => m.keepId !== m.dropId, { message: 'cannot merge a node into itself', path: ['dropId'] });

export const EdgePropsSchema = z.strictObject({ ideaVersion: z.int().min(1).optional() });

export const AddEdgeSchema = z.strictObject({
  type: EdgeTypeSchema,
  from: NodeIdSchema,
  to: NodeIdSchema,
  origin: OriginSchema.default('curated'),
  review: ReviewStateSchema.default('proposed'),
  props: EdgePropsSchema.default({}),
});

export const UpdateEdgeSchema = z.strictObject({
  id: NodeIdSchema,
  expectedVersion: z.int().min(1),
  patch: z.strictObject({ origin: OriginSchema.optional(), review: ReviewStateSchema.optional() }),
});

export const RemoveEdgeSchema = z.strictObject({
  id: NodeIdSchema,
  expectedVersion: z.int().min(1).optional(),
});

export const SetEmbeddingSchema = z.strictObject({
  nodeId: NodeIdSchema,
  model: EmbeddingModelSchema,
  vector: EmbeddingVectorSchema,
});

export const SearchModeSchema = z.enum(['lexical', 'vector', 'hybrid']);

export const NodeSearchSchema = z.strictObject({
  query: z.string().max(2_000).default(''),
  vector: EmbeddingVectorSchema.optional(),
  /** Which stored embeddings to search; may be omitted when the store holds exactly one model. */
  model: EmbeddingModelSchema.optional(),
  mode: SearchModeSchema.default('hybrid'),
  kinds: z.array(NodeKindSchema).min(1).optional(),
  level: LevelSchema.optional(),
  review: z.array(ReviewStateSchema).min(1).optional(),
  limit: z.int().min(1).max(LIMITS.searchLimitMax).default(10),
});

export const NodeRelationOptionsSchema = z.strictObject({
  hierarchyDepth: z.int().min(1).max(10).default(5),
  neighbourLimit: z.int().min(1).max(500).default(50),
  chainLimit: z.int().min(1).max(500).default(50),
});

export const RandomNodesSchema = z.strictObject({
  kinds: z.array(NodeKindSchema).min(1).default(['Problem', 'Challenge', 'Solution']),
  count: z.int().min(1).max(LIMITS.randomCountMax),
  seed: z.int().min(0).max(0xffffffff).optional(),
  review: z.array(ReviewStateSchema).min(1).optional(),
});

export const SubgraphSchema = z.strictObject({
  ids: z.array(NodeIdSchema).min(1).max(500),
  depth: z.int().min(0).max(LIMITS.subgraphDepthMax).default(1),
  edgeTypes: z.array(EdgeTypeSchema).min(1).optional(),
});

/** A batch refers to its own nodes by (kind, name) or to existing ones by id. */
export const NodeRefSchema = z.union([
  z.strictObject({ id: NodeIdSchema }),
  z.strictObject({ kind: NodeKindSchema, name: NodeNameSchema }),
]);

const BatchEmbeddingSchema = z.strictObject({ model: EmbeddingModelSchema, vector: EmbeddingVectorSchema });
const BatchNodeSchema = z.discriminatedUnion(
  'kind',
  nodeVariants({ embedding: BatchEmbeddingSchema.optional() }),
);

export const ImportBatchSchema = z.strictObject({
  nodes: z.array(BatchNodeSchema),
  edges: z
    .array(
      z.strictObject({
        type: EdgeTypeSchema,
        from: NodeRefSchema,
        to: NodeRefSchema,
        origin: OriginSchema.default('imported'),
        review: ReviewStateSchema.default('proposed'),
        props: EdgePropsSchema.default({}),
      }),
    )
    .default([]),
});

export const AuditQuerySchema = z.strictObject({
  entityId: NodeIdSchema.optional(),
  actor: ActorSchema.optional(),
  action: z.string().max(50).optional(),
  /** ISO timestamp; entries at or after it. */
  since: z.iso.datetime().optional(),
  afterSeq: z.int().min(0).optional(),
  limit: z.int().min(1).max(10_000).default(100),
});

export const RestoreOptionsSchema = z.strictObject({
  /** Without it, restoring into a non-empty store is refused with CONFLICT. */
  replace: z.boolean().default(false),
});
