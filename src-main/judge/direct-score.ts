import { z } from 'zod';
import type { Idea } from '../ideator/idea-schema.ts';
import { comparabilityNote, DIMENSIONS } from './dimensions.ts';
import type { Dimension } from './dimensions.ts';
import { ideaText } from './idea-text.ts';
import { askJudge } from './judge-call.ts';
import type { JudgeDeps } from './judge-call.ts';
import { DIRECT_RUBRIC_VERSION, loadRubric, renderRubric } from './rubric.ts';

/** Direct scores: one judge call per idea, 0–10 per dimension with a short rationale. */

export interface JudgedIdea {
  id: string;
  topic: string;
  idea: Idea;
}

const DimensionScoreSchema = z.object({
  score: z.number().int().min(0).max(10),
  rationale: z.string().trim().min(1).max(2000),
});

export const DirectScoreReplySchema = z.object(
  Object.fromEntries(DIMENSIONS.map((d) => [d, DimensionScoreSchema])) as Record<
    Dimension,
    typeof DimensionScoreSchema
  >,
);
export type DirectScoreReply = z.infer<typeof DirectScoreReplySchema>;

export interface DirectScore {
  ideaId: string;
  scores: DirectScoreReply;
  /** Mean of the paper's three dimensions (novelty, experiment, motivation). */
  paperMean: number;
  rubricVersion: string;
  model: string;
  promptHash: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  reused: boolean;
  /** "not comparable to the paper's numbers" unless the judge is the paper's reviewer. */
  comparability: string | null;
}

export function directScoreMessages(
  item: JudgedIdea,
  rubricVersion = DIRECT_RUBRIC_VERSION,
): { role: 'system' | 'user'; content: string }[] {
  const rubric = loadRubric(rubricVersion);
  return [
    { role: 'system' as const, content: renderRubric(rubric, 'system', {}) },
    {
      role: 'user' as const,
      content: renderRubric(rubric, 'idea', { topic: item.topic, idea: ideaText(item) }),
    },
  ];
}

export async function scoreIdea(
  deps: JudgeDeps,
  item: JudgedIdea,
  rubricVersion = DIRECT_RUBRIC_VERSION,
): Promise<DirectScore> {
  const answer = await askJudge(deps, {
    kind: 'direct',
    rubricVersion,
    ideaIds: [item.id],
    messages: directScoreMessages(item, rubricVersion),
    schema: DirectScoreReplySchema,
  });
  const s = answer.value;
  const j = answer.judgment;
  return {
    ideaId: item.id,
    scores: s,
    paperMean: (s.novelty.score + s.experiment.score + s.motivation.score) / 3,
    rubricVersion,
    model: j.model,
    promptHash: j.promptHash,
    promptTokens: j.promptTokens,
    completionTokens: j.completionTokens,
    costUsd: j.costUsd,
    reused: answer.reused,
    comparability: comparabilityNote(j.model),
  };
}
