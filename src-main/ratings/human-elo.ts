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
