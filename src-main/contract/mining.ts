import { z } from 'zod';

/**
 * The mining channels and event (issue 5): start, resume and cancel mining jobs and list them; progress arrives as
 * `mining.event`. The shapes mirror src-main/mining/mining-job.ts; the handler table only compiles while they agree.
 */

const Id = z.string().trim().min(1).max(200);

export const MiningStartSchema = z.strictObject({
  /** Paper node ids; omitted = every paper not mined yet. */
  paperIds: z.array(Id).min(1).max(100_000).optional(),
  /** Include papers already mined (their triples are in the graph). */
  remine: z.boolean().optional(),
});

const JobRef = z.strictObject({ jobId: Id });

export const MiningJobStatusSchema = z.enum(['running', 'interrupted', 'cancelled', 'failed', 'completed']);

export const MiningJobRecordSchema = z.object({
  id: z.string(),
  status: MiningJobStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  error: z.string().nullable(),
  papers: z.object({ total: z.int(), done: z.int(), failed: z.int(), pending: z.int() }),
  /** True while this app process runs the job (a job of a crashed process shows `interrupted`). */
  live: z.boolean(),
  /** The number of the job's latest event when read: events with a higher `seq` are newer. */
  seq: z.int(),
});

/** A job's events are numbered per job (`seq`, stored in mining.sqlite); `mining.since` replays missed ones. */
const JobSeq = z.int().min(1);

export const MiningProgressSchema = z.object({
  type: z.literal('progress'),
  jobId: z.string(),
  seq: JobSeq,
  phase: z.enum(['extracting', 'merging', 'finished']),
  total: z.int(),
  done: z.int(),
  failed: z.int(),
  promptTokens: z.int(),
  completionTokens: z.int(),
  costUsd: z.number(),
  etaMs: z.number().nullable(),
  paper: z
    .object({
      id: z.string(),
      title: z.string(),
      status: z.enum(['done', 'refused', 'failed', 'skipped']),
      message: z.string().optional(),
    })
    .optional(),
});

export const MiningStatusEventSchema = z.object({
  type: z.literal('status'),
  jobId: z.string(),
  seq: JobSeq,
  status: MiningJobStatusSchema,
  error: z.string().nullable(),
});

/** A mining job's outcome for the app: what was mined, the triples refused by the naming rules, failures. */
export const MiningJobReportSchema = z.object({
  jobId: z.string(),
  status: MiningJobStatusSchema,
  /** One line on what the job did: "0 of 5 papers mined: 5 failed (endpoint unreachable or failing)". */
  message: z.string(),
  /** Why the job itself failed (e.g. the key was refused and mining stopped), null otherwise. */
  error: z.string().nullable(),
  papers: z.object({
    total: z.int(),
    done: z.int(),
    refused: z.int(),
    failed: z.int(),
    skipped: z.int(),
    pending: z.int(),
  }),
  /** Per paper: mined (nodes written), refused (every triple refused: why), failed (cause), skipped, pending. */
  outcomes: z.array(
    z.object({
      paperId: z.string(),
      title: z.string(),
      outcome: z.enum(['mined', 'refused', 'failed', 'skipped', 'pending']),
      nodes: z.int(),
      message: z.string().nullable(),
      cause: z.string().nullable(),
    }),
  ),
  /** Failed and fully refused papers: a "mine again" starts a new job over these ids. */
  remineable: z.array(z.string()),
  triples: z.object({ accepted: z.int(), rejected: z.int() }),
  rejected: z.array(
    z.object({
      paperId: z.string(),
      title: z.string(),
      triple: z.object({
        problem: z.object({ name: z.string(), description: z.string() }),
        challenge: z.object({ name: z.string(), description: z.string() }),
        solution: z.object({ name: z.string(), description: z.string() }),
      }),
      violations: z.array(
        z.object({ kind: z.string(), field: z.string(), value: z.string(), message: z.string() }),
      ),
    }),
  ),
  failures: z.array(z.object({ paperId: z.string(), title: z.string(), message: z.string() })),
  usage: z.object({
    calls: z.int(),
    promptTokens: z.int(),
    completionTokens: z.int(),
    costUsd: z.number(),
    /** Calls started and never settled (the process died mid-call), with their estimated prompt tokens. */
    unknownCalls: z.int(),
    unknownPromptTokens: z.int(),
  }),
  /** The merge step's similarity method (embeddings:<model> or lexical:tfidf-cosine) once it ran. */
  merge: z
    .object({ method: z.string(), note: z.string().nullable(), merged: z.int(), candidates: z.int() })
    .nullable(),
});

/** Before a run: how many papers a start would mine and a rough cost (null when the model has no price). */
export const MiningEstimateSchema = z.object({
  papers: z.int(),
  withoutText: z.int(),
  model: z.string(),
  promptTokens: z.int(),
  completionTokens: z.int(),
  costUsd: z.number().nullable(),
});

export const HierarchyKindSchema = z.enum(['Problem', 'Challenge']);

export const HierarchyStartSchema = z.strictObject({
  kind: HierarchyKindSchema,
  /** Levels to add (1 = parents over the mined nodes). */
  levels: z.int().min(1).max(10).default(1),
  /** The level whose nodes get parents first. */
  fromLevel: z.int().min(0).max(30).default(0),
  /** Neighbours per focal node (default: settings mining.k). */
  k: z.int().min(1).max(20).optional(),
});

export const HierarchyLevelSchema = z.object({
  level: z.int(),
  workingSet: z.int(),
  judged: z.int(),
  parents: z.array(z.object({ id: z.string(), name: z.string(), children: z.array(z.string()) })),
  failures: z.array(z.object({ focal: z.string(), message: z.string() })),
});

/** One hierarchy run of this app process: its live progress, then its report. Runs keep no job file. */
export const HierarchyRunSchema = z.object({
  id: z.string(),
  kind: HierarchyKindSchema,
  levels: z.int(),
  fromLevel: z.int(),
  status: z.enum(['running', 'cancelled', 'failed', 'completed']),
  /** The similarity used for the kNN candidates, and why when it is the lexical fallback. */
  method: z.string(),
  note: z.string().nullable(),
  /** The level being worked on, its working set, how far the walk is through it. */
  level: z.int(),
  workingSet: z.int(),
  position: z.int(),
  judged: z.int(),
  parents: z.int(),
  promptTokens: z.int(),
  completionTokens: z.int(),
  costUsd: z.number(),
  error: z.string().nullable(),
  startedAt: z.string(),
  /** Per level, once the run ended (also when cancelled: what was written is kept). */
  report: z.array(HierarchyLevelSchema).nullable(),
});
export type HierarchyRun = z.infer<typeof HierarchyRunSchema>;

export const HierarchyEventSchema = z.object({ type: z.literal('hierarchy'), run: HierarchyRunSchema });

export const MiningEventSchema = z.discriminatedUnion('type', [
  MiningProgressSchema,
  MiningStatusEventSchema,
  HierarchyEventSchema,
]);
export type MiningEventPayload = z.infer<typeof MiningEventSchema>;

export const MiningSinceSchema = z.strictObject({ jobId: Id, seq: z.int().min(0) });
export const MiningSinceResultSchema = z.object({
  /** The job's latest event; when `events` ends before it, ask again from the last one. */
  seq: z.int(),
  events: z.array(z.discriminatedUnion('type', [MiningProgressSchema, MiningStatusEventSchema])),
});
export type MiningSinceResult = z.infer<typeof MiningSinceResultSchema>;

export const miningChannels = {
  'mining.start': { request: MiningStartSchema, response: MiningJobRecordSchema },
  'mining.resume': { request: JobRef, response: MiningJobRecordSchema },
  'mining.cancel': { request: JobRef, response: MiningJobRecordSchema },
  'mining.list': { request: z.strictObject({}), response: z.array(MiningJobRecordSchema) },
  /** One job's record (a client that hears of a job it does not know reads that job only). */
  'mining.job': { request: JobRef, response: MiningJobRecordSchema },
  'mining.report': { request: JobRef, response: MiningJobReportSchema },
  'mining.since': { request: MiningSinceSchema, response: MiningSinceResultSchema },
  'mining.estimate': { request: MiningStartSchema, response: MiningEstimateSchema },
  'mining.hierarchy': { request: HierarchyStartSchema, response: HierarchyRunSchema },
  'mining.hierarchyCancel': { request: z.strictObject({ runId: Id }), response: HierarchyRunSchema },
  'mining.hierarchyRuns': { request: z.strictObject({}), response: z.array(HierarchyRunSchema) },
} as const;
