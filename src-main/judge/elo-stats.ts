import { DIMENSIONS } from './dimensions.ts';
import { applyPairOutcome, INITIAL_RATING } from './elo.ts';
import type { RoundRecord, Standing } from './tournament.ts';

/**
 * A method's ELO and its spread: the paper ranks methods (settings) by the mean ELO of their ideas; we run the
 * tournament once per seed and report mean ± sd over seeds. Also the average ELO after each round, replayed from
 * a tournament's history, for the "score vs rounds" plot.
 */

export interface MeanSd {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  sd: number;
  n: number;
}

/** Mean and sample sd; null for no values. */
export function meanSd(values: readonly number[]): MeanSd | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, sd: 0, n };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(variance), n };
}

/** A method's ELO in one tournament: the mean average-ELO of its ideas found in the standings; null if none. */
export function methodElo(standings: readonly Standing[], ideaIds: ReadonlySet<string>): number | null {
  return meanSd(standings.filter((s) => ideaIds.has(s.id)).map((s) => s.eloAverage))?.mean ?? null;
}

/** A method's ELO over tournaments (one per seed): mean ± sd of its per-tournament ELO. */
export function methodEloOverSeeds(
  tournaments: readonly { standings: readonly Standing[] }[],
  ideaIds: ReadonlySet<string>,
): MeanSd | null {
  return meanSd(tournaments.flatMap((t) => methodElo(t.standings, ideaIds) ?? []));
}

/**
 * Each idea's average ELO (over dimensions) after every round, replayed from the history with the same update
 * the tournament made; `result[r]` is after round r + 1.
 */
export function eloAfterEachRound(
  ideaIds: readonly string[],
  history: readonly RoundRecord[],
  k: number,
): Map<string, number>[] {
  const ratings = new Map(DIMENSIONS.map((d) => [d, new Map(ideaIds.map((id) => [id, INITIAL_RATING]))]));
  return history.map((round) => {
    for (const { first, second, outcome } of round.pairs)
      applyPairOutcome(ratings, first, second, outcome, k);
    return new Map(
      ideaIds.map((id) => [
        id,
        DIMENSIONS.reduce((sum, d) => sum + (ratings.get(d)?.get(id) ?? INITIAL_RATING), 0) /
          DIMENSIONS.length,
      ]),
    );
  });
}
