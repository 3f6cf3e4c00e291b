import { DEFAULT_K, eloUpdate, INITIAL_RATING } from '../judge/elo.ts';
import type { BlindGame } from './blind-pairs.ts';

/**
 * Human ELO: the blind pairs' answers replayed in answer order through judge/elo.ts (everyone at 1000, the
 * same expected score and K), so the sum stays n·1000 like the judge's. One rater's games give that rater's
 * ELO; all raters' games together give the lab's.
 */

export interface HumanElo {
  elo: number;
  wins: number;
  losses: number;
}

export function humanElo(
  ideaIds: readonly string[],
  games: readonly BlindGame[],
  k: number = DEFAULT_K,
): Map<string, HumanElo> {
  const table = new Map<string, HumanElo>(
    ideaIds.map((id) => [id, { elo: INITIAL_RATING, wins: 0, losses: 0 }]),
  );
  for (const game of games) {
    const winner = table.get(game.winnerId);
    const loser = table.get(game.loserId);
    // A game against an idea outside the set (another topic, a vanished idea) does not count here.
    if (!winner || !loser) continue;
    [winner.elo, loser.elo] = eloUpdate(winner.elo, loser.elo, 1, k);
    winner.wins++;
    loser.losses++;
  }
  return table;
}

export interface EloTables {
  /** Everyone's answers together. */
  overall: Map<string, HumanElo>;
  /** Each rater's own answers, by rater name. */
  byRater: Map<string, Map<string, HumanElo>>;
}

/** The lab's and each rater's ELO over one topic's games, computed once for all its ideas. */
export function eloTables(games: readonly BlindGame[]): EloTables {
  const ids = [...new Set(games.flatMap((g) => [g.winnerId, g.loserId]))];
  const raters = [...new Set(games.map((g) => g.rater))].sort();
  return {
    overall: humanElo(ids, games),
    byRater: new Map(
      raters.map((rater) => [
        rater,
        humanElo(
          ids,
          games.filter((g) => g.rater === rater),
        ),
      ]),
    ),
  };
}

/** An idea's place in the tables: only where it played (an idea never shown has no human ELO yet). */
export function ideaHumanElo(
  tables: EloTables,
  ideaId: string,
): { overall: number | null; byRater: { rater: string; elo: number; games: number }[] } {
  const played = (table: Map<string, HumanElo>): HumanElo | null => {
    const entry = table.get(ideaId);
    return entry && entry.wins + entry.losses > 0 ? entry : null;
  };
  return {
    overall: played(tables.overall)?.elo ?? null,
    byRater: [...tables.byRater].flatMap(([rater, table]) => {
      const entry = played(table);
      return entry ? [{ rater, elo: entry.elo, games: entry.wins + entry.losses }] : [];
    }),
  };
}
