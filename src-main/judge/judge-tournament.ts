import { AppError } from '../shared/errors.ts';
import { comparabilityNote } from './dimensions.ts';
import type { JudgedIdea } from './direct-score.ts';
import { ideaText } from './idea-text.ts';
import type { JudgeDeps } from './judge-call.ts';
import { judgePair } from './pairwise.ts';
import { PAIRWISE_RUBRIC_VERSION } from './rubric.ts';
import { runTournament } from './tournament.ts';
import type { TournamentOptions, TournamentResult } from './tournament.ts';

/**
 * The Swiss tournament over ideas with the judge model: each pair judged in both orders through the judgments
 * store, so rerunning the same tournament (same ideas, seed, rounds, rubric, model) after a crash or a cancel
 * pays only for the pairs not judged yet.
 */

export interface JudgedTournament extends TournamentResult {
  rubricVersion: string;
  model: string;
  /** Judge calls made by this run (repairs not counted) and calls answered by the store. */
  newCalls: number;
  reusedCalls: number;
  /** What this run paid; judgments reused from earlier runs cost nothing now. */
  costUsd: number;
  /** Judge calls per idea over the whole tournament (new and reused). */
  callsPerIdea: number;
  comparability: string | null;
}

export async function judgeTournament(
  deps: JudgeDeps,
  ideas: readonly JudgedIdea[],
  options: TournamentOptions & { rubricVersion?: string },
): Promise<JudgedTournament> {
  const topics = new Set(ideas.map((i) => i.topic));
  if (topics.size > 1) {
    throw new AppError('VALIDATION', `A tournament compares ideas on one topic; got ${topics.size} topics`, {
      field: 'ideas',
    });
  }
  // A bomb is refused before the first pair is paid for, not in round 4.
  for (const idea of ideas) ideaText(idea);
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const rubricVersion = options.rubricVersion ?? PAIRWISE_RUBRIC_VERSION;
  let newCalls = 0;
  let costUsd = 0;
  let totalCalls = 0;
  const result = await runTournament(
    ideas.map((i) => i.id),
    async (first, second) => {
      const pair = await judgePair(
        deps,
        byId.get(first) as JudgedIdea,
        byId.get(second) as JudgedIdea,
        rubricVersion,
      );
      newCalls += pair.newCalls;
      totalCalls += 2;
      costUsd += pair.costUsd;
      return pair.outcome;
    },
    options,
  );
  const model = deps.llm.config.models.judge;
  return {
    ...result,
    rubricVersion,
    model,
    newCalls,
    reusedCalls: totalCalls - newCalls,
    costUsd,
    callsPerIdea: ideas.length === 0 ? 0 : totalCalls / ideas.length,
    comparability: comparabilityNote(model),
  };
}
