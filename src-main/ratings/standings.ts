import type { Agreement, HumanStanding, Rating } from '../contract/ratings.ts';
import { agreementOf } from './agreement.ts';
import type { BlindGame } from './blind-pairs.ts';
import { humanElo } from './human-elo.ts';

/**
 * A topic's human standings (blind-pair ELO, ratings' paper mean) and their agreement with the LLM's rankings:
 * the judge's direct-score paper mean, and the newest stored tournament's average ELO when there is one.
 */

export interface LlmRankings {
  /** Paper mean of the newest direct score per idea (ideas never scored are absent). */
  direct: ReadonlyMap<string, number>;
  /** Average ELO per idea in the newest stored tournament, or null with the reason. */
  tournament: ReadonlyMap<string, number> | null;
  tournamentMissing: string;
}

const PAPER_DIMENSIONS = ['novelty', 'experiment', 'motivation'] as const;

/** Per idea, the mean over raters of each rater's mean of the paper's three dimensions (those they scored). */
export function ratingMeans(ratings: readonly Rating[]): Map<string, { mean: number; raters: number }> {
  const perIdea = new Map<string, number[]>();
  for (const rating of ratings) {
    const given = PAPER_DIMENSIONS.map((d) => rating.scores[d]).filter((s): s is number => s !== undefined);
    if (given.length === 0) continue;
    const list = perIdea.get(rating.ideaId) ?? [];
    list.push(given.reduce((sum, s) => sum + s, 0) / given.length);
    perIdea.set(rating.ideaId, list);
  }
  return new Map(
    [...perIdea].map(([id, means]) => [
      id,
      { mean: means.reduce((sum, m) => sum + m, 0) / means.length, raters: means.length },
    ]),
  );
}

export function topicStandings(
  ideas: readonly { id: string; title: string }[],
  games: readonly BlindGame[],
  ratings: readonly Rating[],
  llm: LlmRankings,
): { standings: HumanStanding[]; agreement: Agreement[] } {
  const elo = humanElo(
    ideas.map((i) => i.id),
    games,
  );
  const means = ratingMeans(ratings);
  const standings = ideas
    .map((idea): HumanStanding => {
      const e = elo.get(idea.id) ?? { elo: 0, wins: 0, losses: 0 };
      const m = means.get(idea.id);
      return {
        ideaId: idea.id,
        title: idea.title,
        elo: e.elo,
        wins: e.wins,
        losses: e.losses,
        ratingMean: m?.mean ?? null,
        raters: m?.raters ?? 0,
      };
    })
    .sort((a, b) => b.elo - a.elo || (b.ratingMean ?? -1) - (a.ratingMean ?? -1));
  // An idea never shown in a blind pair has no human ELO yet (1000 is a start, not a verdict).
  const humanByElo = new Map(standings.filter((s) => s.wins + s.losses > 0).map((s) => [s.ideaId, s.elo]));
  const humanByRatings = new Map([...means].map(([id, m]) => [id, m.mean]));
  const noDirect = 'no idea on the topic has a direct score yet';
  const direct = llm.direct.size > 0 ? llm.direct : null;
  return {
    standings,
    agreement: [
      agreementOf('elo', 'direct', humanByElo, direct, noDirect),
      agreementOf('ratings', 'direct', humanByRatings, direct, noDirect),
      agreementOf('elo', 'tournament', humanByElo, llm.tournament, llm.tournamentMissing),
      agreementOf('ratings', 'tournament', humanByRatings, llm.tournament, llm.tournamentMissing),
    ],
  };
}
