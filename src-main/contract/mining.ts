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
});

export const MiningProgressSchema = z.object({
  type: z.literal('progress'),
  jobId: z.string(),
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
      status: z.enum(['done', 'failed']),
      message: z.string().optional(),
    })
    .optional(),
});

export const MiningStatusEventSchema = z.object({
  type: z.literal('status'),
  jobId: z.string(),
  status: MiningJobStatusSchema,
  error: z.string().nullable(),
});

export const MiningEventSchema = z.discriminatedUnion('type', [
  MiningProgressSchema,
  MiningStatusEventSchema,
]);
export type MiningEventPayload = z.infer<typeof MiningEventSchema>;

export const miningChannels = {
  'mining.start': { request: MiningStartSchema, response: MiningJobRecordSchema },
  'mining.resume': { request: JobRef, response: MiningJobRecordSchema },
  'mining.cancel': { request: JobRef, response: MiningJobRecordSchema },
  'mining.list': { request: z.strictObject({}), response: z.array(MiningJobRecordSchema) },
} as const;
