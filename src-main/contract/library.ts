import { z } from 'zod';
import { IdeaIdSchema, perDimension } from './evaluation-fields.ts';

/**
 * The ideas library (src-main/library/, core/library-service.ts): every idea as one flat entry — the user's own
 * sessions' ideas and, when the graph is a shared Neo4j, the Idea nodes lab members wrote back — joined with the
 * user's own metadata (tags, a Markdown note, archived), which lives in library.sqlite as revisioned rows: a save
 * names the revision it started from, and a stale one is refused with CONFLICT and the current row in
 * `details.current`.
 */

export const LibraryStatusSchema = z.enum(['accepted', 'rejected', 'round_limit', 'draft']);
export const LibrarySourceSchema = z.enum(['mine', 'lab']);

const Tag = z.string().trim().min(1).max(100);
const TagsSchema = z.array(Tag).max(200);
const NoteSchema = z.string().max(100_000);

/** Deterministic (no LLM): what the dialogue that produced the idea did. */
export const DialogueSummarySchema = z.object({
  /** Mentor rounds the idea went through. */
  rounds: z.int(),
  /** The aspects the mentor questioned (its turns' `aspect`s), in first-asked order, without repeats. */
  aspects: z.array(z.string()),
  verdict: z.enum(['accepted', 'rejected', 'round_limit', 'unreviewed']).nullable(),
  decidedBy: z.enum(['mentor', 'user', 'limit']).nullable(),
  /** One line for a list row: "3 rounds; questioned novelty, feasibility; accepted by the mentor". */
  text: z.string(),
});

/** The newest stored direct score of the judge (as `ideas.evaluation` reports it); null when never scored. */
export const LibraryScoresSchema = z.object({
  paperMean: z.number(),
  byDimension: perDimension(z.number()),
  model: z.string(),
  createdAt: z.string(),
});

/** The idea's ELO in the newest stored tournament on its topic; null when none. */
export const LibraryEloSchema = z.object({
  eloAverage: z.number(),
  byDimension: perDimension(z.number()),
  tournamentId: z.string(),
});

/** The user's own metadata for one idea (library.sqlite). `revision` 0: never saved (defaults). */
export const LibraryMetaSchema = z.object({
  ideaId: z.string(),
  tags: z.array(z.string()),
  note: z.string(),
  archived: z.boolean(),
  revision: z.int().min(0),
  updatedAt: z.string().nullable(),
});

export const LibraryEntrySchema = z.object({
  id: z.string(),
  /** null for a lab member's idea (an Idea node of the shared graph, not one of this user's sessions). */
  sessionId: z.string().nullable(),
  title: z.string(),
  abstract: z.string(),
  topic: z.string(),
  status: LibraryStatusSchema,
  /** Written versions (0 while the first draft is being written; 1 for a lab idea, which has one). */
  versions: z.int(),
  scores: LibraryScoresSchema.nullable(),
  elo: LibraryEloSchema.nullable(),
  /** The session's cost so far; null for lab ideas. */
  cost: z.object({ usd: z.number(), unpricedModels: z.array(z.string()) }).nullable(),
  /** The session's models; null for lab ideas. */
  models: z.object({ researcher: z.string(), mentor: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Who wrote it: the profile display name for own sessions (null when none is set), the node's recorded author (createdBy) for lab ideas. */
  author: z.string().nullable(),
  source: LibrarySourceSchema,
  tags: z.array(z.string()),
  note: z.string(),
  archived: z.boolean(),
  /** The meta row's revision, for `library.update` (0: never saved). */
  metaRevision: z.int().min(0),
  dialogueSummary: DialogueSummarySchema,
});

export const LibraryListRequestSchema = z.strictObject({
  /**
   * The `cursor` of an earlier answer: only entries changed since then, and the ids no longer present, come back.
   * A cursor the library does not recognise (another data dir, a recreated file) gets the full list (`full`).
   */
  changedSince: z.string().max(200).optional(),
});

export const LibraryListResponseSchema = z.object({
  /** Pass as `changedSince` next time. */
  cursor: z.string(),
  /** True when `entries` is the whole library (no or an unknown `changedSince`): replace, do not merge. */
  full: z.boolean(),
  entries: z.array(LibraryEntrySchema),
  /** Ids present at `changedSince` and gone now (deleted, or a lab idea no longer in the graph). */
  removedIds: z.array(z.string()),
  /** A store that could not be read (e.g. the lab's Neo4j is down): its entries are missing from this answer. */
  unavailable: z.array(z.object({ source: LibrarySourceSchema, message: z.string() })),
});

export const LibrarySearchRequestSchema = z.strictObject({
  /** Words to find; FTS syntax characters are taken literally. */
  query: z.string().trim().min(1).max(1_000),
  limit: z.int().min(1).max(500).default(50),
  includeArchived: z.boolean().default(true),
});

export const LibrarySearchHitSchema = z.object({
  id: z.string(),
  /** Where the best match is. */
  field: z.enum(['title', 'abstract', 'note', 'transcript']),
  /** A short excerpt with the matched words between « and ». */
  snippet: z.string(),
  /** Higher is better (negated bm25). */
  score: z.number(),
});
export const LibrarySearchResponseSchema = z.object({ hits: z.array(LibrarySearchHitSchema) });

/** 0 = "I believe no row exists yet". */
const BaseRevision = z.int().min(0);

export const LibraryUpdateRequestSchema = z.strictObject({
  ideaId: IdeaIdSchema,
  baseRevision: BaseRevision,
  /** Fields left out keep their value. */
  tags: TagsSchema.optional(),
  note: NoteSchema.optional(),
});

export const LibraryArchiveRequestSchema = z.strictObject({
  ideaId: IdeaIdSchema,
  /** Optional: when given, a stale revision is a CONFLICT; when absent, archiving applies to whatever is there. */
  baseRevision: BaseRevision.optional(),
});

export const LibraryDeleteRequestSchema = z.strictObject({
  ideaId: IdeaIdSchema,
  /** Must be exactly the idea's id again: deleting is never a single stray click. */
  confirm: z.string().max(200),
});
export const LibraryDeleteResponseSchema = z.object({
  ideaId: z.string(),
  /** Until then `library.undelete` brings it back; after it the idea is gone for good. */
  undoUntil: z.string(),
});

export const LibraryTagsResponseSchema = z.object({
  tags: z.array(z.object({ tag: z.string(), count: z.int() })),
});

/** Pushed when entries change (metadata, sessions, deletion): call `library.list` with your cursor to refresh. */
export const LibraryChangedSchema = z.object({
  /** Grows with every change the library recorded; compare with your cursor's. */
  seq: z.int().min(0),
  ideaIds: z.array(z.string()),
});

const IdeaRef = z.strictObject({ ideaId: IdeaIdSchema });

export const libraryChannels = {
  'library.list': { request: LibraryListRequestSchema, response: LibraryListResponseSchema },
  'library.search': { request: LibrarySearchRequestSchema, response: LibrarySearchResponseSchema },
  'library.update': { request: LibraryUpdateRequestSchema, response: LibraryMetaSchema },
  'library.archive': { request: LibraryArchiveRequestSchema, response: LibraryMetaSchema },
  'library.restore': { request: LibraryArchiveRequestSchema, response: LibraryMetaSchema },
  /** Only an archived idea; kept restorable for the undo window (LIBRARY_UNDO_WINDOW_MS). */
  'library.delete': { request: LibraryDeleteRequestSchema, response: LibraryDeleteResponseSchema },
  'library.undelete': { request: IdeaRef, response: LibraryMetaSchema },
  /** Every tag in use, with how many ideas carry it. */
  'library.tags': { request: z.strictObject({}), response: LibraryTagsResponseSchema },
} as const;

/** How long a deleted idea can be brought back. */
export const LIBRARY_UNDO_WINDOW_MS = 10 * 60 * 1000;

export type LibraryStatus = z.infer<typeof LibraryStatusSchema>;
export type LibrarySource = z.infer<typeof LibrarySourceSchema>;
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>;
export type LibraryMeta = z.infer<typeof LibraryMetaSchema>;
export type LibraryScores = z.infer<typeof LibraryScoresSchema>;
export type LibraryElo = z.infer<typeof LibraryEloSchema>;
export type DialogueSummary = z.infer<typeof DialogueSummarySchema>;
export type LibraryListResponse = z.infer<typeof LibraryListResponseSchema>;
export type LibrarySearchHit = z.infer<typeof LibrarySearchHitSchema>;
export type LibrarySearchResponse = z.infer<typeof LibrarySearchResponseSchema>;
export type LibraryDeleteResponse = z.infer<typeof LibraryDeleteResponseSchema>;
export type LibraryChanged = z.infer<typeof LibraryChangedSchema>;
