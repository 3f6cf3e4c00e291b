import { z } from 'zod';

/**
 * What the user writes about the methods atlas: annotations (star, tags, note, linked Solution nodes) and methods
 * they added. The core's data directory holds them (backups, lab sharing); the renderer's IndexedDB is only a
 * cache. Every row carries a `revision`: a write names the revision it started from, and a stale one is refused
 * with CONFLICT and the current row in `details.current`, so no one overwrites an edit they never saw.
 */

const Text = (max: number): z.ZodString => z.string().max(max);
const NullableText = (max: number): z.ZodNullable<z.ZodString> => z.string().max(max).nullable();
const MethodId = z.string().trim().min(1).max(200);

export const SolutionLinkSchema = z
  .object({ id: z.string().min(1).max(200), name: NullableText(500) })
  .strict();

export const AnnotationBodySchema = z
  .object({
    methodId: MethodId,
    tags: z.array(Text(100)).max(200),
    starred: z.boolean(),
    note: Text(100_000),
    solutionLinks: z.array(SolutionLinkSchema).max(500),
  })
  .strict();

export const UserMethodBodySchema = z
  .object({
    id: MethodId,
    userAdded: z.literal(true),
    name: z.string().trim().min(1).max(200),
    paperTitle: NullableText(1000),
    year: z.int().min(1950).max(2100).nullable(),
    venue: NullableText(200),
    link: NullableText(2000),
    code: NullableText(2000),
    categoryId: z.string().min(1).max(200),
    subcategoryId: z.string().min(1).max(200),
    description: z.string().trim().min(1).max(500),
    createdAt: z.number().int().min(0),
  })
  .strict();

/** Set by the core on every write. */
const Stamp = { revision: z.int().min(1), updatedAt: z.number().int().min(0) };
export const AnnotationRecordSchema = AnnotationBodySchema.extend(Stamp);
export const UserMethodRecordSchema = UserMethodBodySchema.extend(Stamp);

/** 0 = "I believe this row does not exist yet". */
const BaseRevision = z.int().min(0);

export const AnnotationsPutSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('annotation'), baseRevision: BaseRevision, body: AnnotationBodySchema })
    .strict(),
  z
    .object({ kind: z.literal('userMethod'), baseRevision: BaseRevision, body: UserMethodBodySchema })
    .strict(),
]);
export const AnnotationsPutResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('annotation'), record: AnnotationRecordSchema }).strict(),
  z.object({ kind: z.literal('userMethod'), record: UserMethodRecordSchema }).strict(),
]);

export const AnnotationKindSchema = z.enum(['annotation', 'userMethod']);
export const AnnotationsDeleteSchema = z
  .object({ kind: AnnotationKindSchema, id: MethodId, baseRevision: z.int().min(1) })
  .strict();

export const AnnotationsListSchema = z
  .object({
    annotations: z.array(AnnotationRecordSchema),
    userMethods: z.array(UserMethodRecordSchema),
  })
  .strict();

/** Pushed on every change: the new row, or `record: null` when it was deleted. */
export const AnnotationsChangedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('annotation'), id: z.string(), record: AnnotationRecordSchema.nullable() }),
  z.object({ kind: z.literal('userMethod'), id: z.string(), record: UserMethodRecordSchema.nullable() }),
]);

export const annotationsChannels = {
  'annotations.list': { request: z.object({}).strict(), response: AnnotationsListSchema },
  'annotations.put': { request: AnnotationsPutSchema, response: AnnotationsPutResultSchema },
  /** A backup put back in one transaction: each row replaces the row of the same id, whatever its revision. */
  'annotations.restore': {
    request: AnnotationsListSchema,
    response: z.object({ annotations: z.int(), userMethods: z.int() }).strict(),
  },
  'annotations.delete': {
    request: AnnotationsDeleteSchema,
    response: z.object({ kind: AnnotationKindSchema, id: z.string() }).strict(),
  },
} as const;

export type AnnotationBody = z.infer<typeof AnnotationBodySchema>;
export type UserMethodBody = z.infer<typeof UserMethodBodySchema>;
export type AnnotationRecord = z.infer<typeof AnnotationRecordSchema>;
export type UserMethodRecord = z.infer<typeof UserMethodRecordSchema>;
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;
export type AnnotationsPut = z.infer<typeof AnnotationsPutSchema>;
export type AnnotationsPutResult = z.infer<typeof AnnotationsPutResultSchema>;
export type AnnotationsChanged = z.infer<typeof AnnotationsChangedSchema>;
export type AnnotationsList = z.infer<typeof AnnotationsListSchema>;
