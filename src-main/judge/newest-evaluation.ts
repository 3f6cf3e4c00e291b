import type { IdeaEvaluation } from '../contract/ratings.ts';
import { topicKey } from '../ideator/session-store.ts';
import { DirectScoreReplySchema } from './direct-score.ts';
import { comparabilityNote } from './dimensions.ts';
import type { JudgmentStore, StoredTournament } from './judgment-store.ts';

/**
 * What an idea's evaluation reports from the judge's stored work: its newest direct score and the newest
 * tournament on its topic. `ideas.evaluation` and the library read them the same way, never recomputing.
 */

export type DirectEvaluation = NonNullable<IdeaEvaluation['direct']>;

/** The newest stored direct score per idea (any rubric or model; the reply re-validated on the way out). */
export function newestDirectScores(
  judgments: JudgmentStore,
  ideaIds: readonly string[],
): Map<string, DirectEvaluation> {
  const newest = new Map<string, DirectEvaluation>();
  for (const judgment of judgments.forIdeas('direct', ideaIds)) {
    const ideaId = judgment.ideaIds[0];
    const reply = DirectScoreReplySchema.safeParse(judgment.result);
    if (ideaId === undefined || newest.has(ideaId) || !reply.success) continue;
    const s = reply.data;
    newest.set(ideaId, {
      ideaId,
      scores: s,
      paperMean: (s.novelty.score + s.experiment.score + s.motivation.score) / 3,
      rubricVersion: judgment.rubricVersion,
      model: judgment.model,
      promptHash: judgment.promptHash,
      promptTokens: judgment.promptTokens,
      completionTokens: judgment.completionTokens,
      costUsd: judgment.costUsd,
      reused: true,
      comparability: comparabilityNote(judgment.model),
      createdAt: judgment.createdAt,
    });
  }
  return newest;
}

/** The newest of `stored` (newest first) on the topic, by the ideator's topic key; with the idea when given. */
export function newestTournament(
  stored: readonly StoredTournament[],
  topic: string,
  ideaId?: string,
): StoredTournament | undefined {
  const key = topicKey(topic);
  return stored.find(
    (t) => topicKey(t.topic) === key && (ideaId === undefined || t.standings.some((s) => s.id === ideaId)),
  );
}
