import { z } from 'zod';
import { IdeaIdsSchema, perDimension, TopicSchema } from './evaluation-fields.ts';

/**
 * Idea evaluation (src-main/judge/): direct scores, a Swiss tournament with ELO per dimension, stored results.
 * Responses mirror judge/direct-score.ts and judge/judge-tournament.ts; the handler table only compiles while
 * the two agree.
 */

export const JudgeScoreRequestSchema = z
  .object({ ideaIds: IdeaIdsSchema.optional(), topic: TopicSchema.optional() })
  .strict()
  .refine((r) => (r.ideaIds === undefined) !== (r.topic === undefined), {
    message: 'give either ideaIds or topic, not both',
    path: ['ideaIds'],
  });

const DimensionScore = z.object({ score: z.number(), rationale: z.string() });

export const DirectScoreSchema = z.object({
  ideaId: z.string(),
  scores: perDimension(DimensionScore),
  paperMean: z.number(),
  rubricVersion: z.string(),
  model: z.string(),
  promptHash: z.string(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  costUsd: z.number(),
  reused: z.boolean(),
  comparability: z.string().nullable(),
});

export const JudgeScoreResponseSchema = z.object({
  scores: z.array(DirectScoreSchema),
  /** Paid by this request (reused scores cost nothing now). */
  costUsd: z.number(),
});

export const JudgeTournamentRequestSchema = z
  .object({
    topic: TopicSchema,
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    rounds: z.number().int().min(1).max(20).default(5),
    k: z.number().positive().max(400).default(32),
  })
  .strict();

const StandingSchema = z.object({
  id: z.string(),
  elo: perDimension(z.number()),
  eloAverage: z.number(),
  points: z.number(),
  byes: z.number(),
});

export const JudgeTournamentResponseSchema = z.object({
  /** The stored tournament's id (also the `runId` of its `judge.event`s); listed by `judge.tournaments`. */
  id: z.string(),
  seed: z.number(),
  rounds: z.number(),
  k: z.number(),
  standings: z.array(StandingSchema),
  history: z.array(
    z.object({
      round: z.number(),
      pairs: z.array(z.object({ first: z.string(), second: z.string(), outcome: perDimension(z.number()) })),
      bye: z.string().nullable(),
    }),
  ),
  rubricVersion: z.string(),
  model: z.string(),
  newCalls: z.number(),
  reusedCalls: z.number(),
  costUsd: z.number(),
  callsPerIdea: z.number(),
  comparability: z.string().nullable(),
});

export const JudgeResultsRequestSchema = z.object({ ideaIds: IdeaIdsSchema }).strict();

export const StoredJudgmentSchema = z.object({
  kind: z.enum(['direct', 'pairwise']),
  ideaIds: z.array(z.string()),
  rubricVersion: z.string(),
  model: z.string(),
  promptHash: z.string(),
  result: z.unknown(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  costUsd: z.number(),
  createdAt: z.string(),
});

export const JudgeResultsResponseSchema = z.object({ judgments: z.array(StoredJudgmentSchema) });

/**
 * Tournament progress: one event per judged pair, numbered within its run (`runId`, `seq` from 1). A run lives as
 * long as its `judge.tournament` request, so its events are kept in memory (the last runs of this process) and
 * `judge.since` replays them; the judgments themselves are in judgments.sqlite and a rerun reuses them.
 */
export const JudgeEventSchema = z.object({
  type: z.literal('tournament.progress'),
  runId: z.string(),
  seq: z.int().min(1),
  topic: z.string(),
  round: z.number(),
  rounds: z.number(),
  pairsDone: z.number(),
  pairsTotal: z.number(),
});

export const JudgeSinceRequestSchema = z
  .object({ runId: z.string().trim().min(1).max(100), seq: z.int().min(0) })
  .strict();
export const JudgeSinceResponseSchema = z.object({
  /** The run's latest event; when `events` ends before it, ask again from the last one. */
  seq: z.int(),
  events: z.array(JudgeEventSchema),
});

export const JudgeTournamentsRequestSchema = z.object({ topic: TopicSchema.optional() }).strict();

/** A finished tournament as stored (judgments.sqlite): its final standings, newest first in the list. */
export const StoredTournamentSchema = z.object({
  id: z.string(),
  topic: z.string(),
  seed: z.number(),
  rounds: z.number(),
  k: z.number(),
  rubricVersion: z.string(),
  model: z.string(),
  standings: z.array(StandingSchema),
  createdAt: z.string(),
});

export const JudgeTournamentsResponseSchema = z.object({ tournaments: z.array(StoredTournamentSchema) });

/** Stops a running tournament (the `runId` of its `judge.event`s); its finished pairs stay stored for a rerun. */
export const JudgeCancelRequestSchema = z.object({ runId: z.string().trim().min(1).max(100) }).strict();
export const JudgeCancelResponseSchema = z.object({ cancelled: z.boolean() });

export const judgeChannels = {
  'judge.score': { request: JudgeScoreRequestSchema, response: JudgeScoreResponseSchema },
  'judge.tournament': { request: JudgeTournamentRequestSchema, response: JudgeTournamentResponseSchema },
  'judge.since': { request: JudgeSinceRequestSchema, response: JudgeSinceResponseSchema },
  'judge.results': { request: JudgeResultsRequestSchema, response: JudgeResultsResponseSchema },
  'judge.tournaments': { request: JudgeTournamentsRequestSchema, response: JudgeTournamentsResponseSchema },
  'judge.cancel': { request: JudgeCancelRequestSchema, response: JudgeCancelResponseSchema },
} as const;
