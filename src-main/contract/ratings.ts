import { z } from 'zod';
import { IdeaIdSchema, IdeaIdsSchema, perDimension, TopicSchema } from './evaluation-fields.ts';
import { DirectScoreSchema } from './judge.ts';

/**
 * Human evaluation (src-main/ratings/): per-dimension ratings 0–10 by named raters, blind pairs picked by Swiss
 * pairing over each rater's own answers, human ELO, agreement between human and LLM rankings, and each idea's
 * evaluation in one read. Ratings carry a `revision` like annotations: a write names the revision it started
 * from (0 = new), and a stale one is refused with CONFLICT and the current row in `details.current`.
 */

/** A lab member's name as typed; raters are kept apart by it (trimmed, case kept, no control characters). */
export const RaterSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]+$/u, 'a rater name has no control characters');

export const RatingScoreSchema = z.int().min(0).max(10);
/** Any subset of the five dimensions (a rater may score only novelty). */
export const RatingScoresSchema = perDimension(RatingScoreSchema.optional()).strict();

export const RatingSchema = z.object({
  ideaId: z.string(),
  rater: z.string(),
  scores: RatingScoresSchema,
  note: z.string(),
  /** 1 for the first write, +1 on every change. */
  revision: z.int().min(1),
  updatedAt: z.string(),
});

export const RatingsSetRequestSchema = z
  .object({
    ideaId: IdeaIdSchema,
    rater: RaterSchema,
    scores: RatingScoresSchema,
    note: z.string().max(10_000).default(''),
    /** The revision this write started from; 0 = "I believe I have not rated this idea yet". */
    baseRevision: z.int().min(0),
  })
  .strict();
export const RatingsSetResponseSchema = z.object({ rating: RatingSchema });

export const RatingsListRequestSchema = z
  .object({ ideaIds: IdeaIdsSchema.optional(), topic: TopicSchema.optional(), rater: RaterSchema.optional() })
  .strict()
  .refine((r) => (r.ideaIds === undefined) !== (r.topic === undefined), {
    message: 'give either ideaIds or topic, not both',
    path: ['ideaIds'],
  });
export const RatingsListResponseSchema = z.object({ ratings: z.array(RatingSchema) });

/** Blind pairs: only the two ideas' texts, no titles and no ids; which is which stays in the main process. */
export const RatingsNextPairRequestSchema = z.object({ topic: TopicSchema, rater: RaterSchema }).strict();
const BlindSide = z.object({ text: z.string() });
export const RatingsNextPairResponseSchema = z.object({
  pairId: z.string(),
  /** Untrusted model-written text: render as text, never as HTML. */
  left: BlindSide,
  right: BlindSide,
  /** The Swiss round of this rater's blind tournament on the topic the pair belongs to. */
  round: z.int().min(1),
  /** Pairs this rater has answered on the topic so far. */
  answered: z.int().min(0),
});

export const RatingsAnswerPairRequestSchema = z
  .object({
    pairId: z.string().trim().min(1).max(100),
    rater: RaterSchema,
    winner: z.enum(['left', 'right']),
  })
  .strict();
export const RatingsAnswerPairResponseSchema = z.object({ answered: z.int().min(0) });

/** One comparison of the human ranking with an LLM ranking over the ideas both ranked. */
export const AgreementSchema = z.object({
  human: z.enum(['elo', 'ratings']),
  llm: z.enum(['direct', 'tournament']),
  /** Ideas in common. */
  n: z.int().min(0),
  spearman: z.number().nullable(),
  kendallTauB: z.number().nullable(),
  /** Why the statistics are null (too few ideas in common, no LLM ranking yet…); null when computed. */
  reason: z.string().nullable(),
});

export const HumanStandingSchema = z.object({
  ideaId: z.string(),
  title: z.string(),
  /** Human ELO from the blind pairs (1000 before any game). */
  elo: z.number(),
  wins: z.int(),
  losses: z.int(),
  /** Mean over raters of each rater's mean of the paper's three dimensions; null when no one rated them. */
  ratingMean: z.number().nullable(),
  raters: z.int(),
});

export const RatingsStandingsRequestSchema = z
  .object({ topic: TopicSchema, rater: RaterSchema.optional() })
  .strict();
export const RatingsStandingsResponseSchema = z.object({
  topic: z.string(),
  /** null = over all raters. */
  rater: z.string().nullable(),
  answered: z.int(),
  standings: z.array(HumanStandingSchema),
  agreement: z.array(AgreementSchema),
});

const PerDimensionNumber = perDimension(z.number());

export const IdeaEvaluationSchema = z.object({
  ideaId: z.string(),
  topic: z.string(),
  /** The newest stored direct score of the judge model, null when never scored. */
  direct: DirectScoreSchema.extend({ createdAt: z.string() }).nullable(),
  /** The idea's ELO in the newest stored tournament on its topic; null when none was stored. */
  tournament: z
    .object({
      tournamentId: z.string(),
      elo: PerDimensionNumber,
      eloAverage: z.number(),
      createdAt: z.string(),
    })
    .nullable(),
  ratings: z.array(RatingSchema),
  humanElo: z.object({
    /** Over all raters' blind pairs; null when the idea was never in an answered pair. */
    overall: z.number().nullable(),
    byRater: z.array(z.object({ rater: z.string(), elo: z.number(), games: z.int() })),
  }),
});
export const IdeasEvaluationRequestSchema = z.object({ ideaIds: IdeaIdsSchema }).strict();
export const IdeasEvaluationResponseSchema = z.object({ ideas: z.array(IdeaEvaluationSchema) });

export const ratingsChannels = {
  'ratings.set': { request: RatingsSetRequestSchema, response: RatingsSetResponseSchema },
  'ratings.list': { request: RatingsListRequestSchema, response: RatingsListResponseSchema },
  'ratings.nextPair': { request: RatingsNextPairRequestSchema, response: RatingsNextPairResponseSchema },
  'ratings.answerPair': {
    request: RatingsAnswerPairRequestSchema,
    response: RatingsAnswerPairResponseSchema,
  },
  'ratings.standings': { request: RatingsStandingsRequestSchema, response: RatingsStandingsResponseSchema },
  'ideas.evaluation': { request: IdeasEvaluationRequestSchema, response: IdeasEvaluationResponseSchema },
} as const;

export type Rating = z.infer<typeof RatingSchema>;
export type RatingScores = z.infer<typeof RatingScoresSchema>;
export type Agreement = z.infer<typeof AgreementSchema>;
export type HumanStanding = z.infer<typeof HumanStandingSchema>;
export type IdeaEvaluation = z.infer<typeof IdeaEvaluationSchema>;
export type RatingsNextPair = z.infer<typeof RatingsNextPairResponseSchema>;
export type RatingsStandings = z.infer<typeof RatingsStandingsResponseSchema>;
