/**
 * ELO as in the paper's tournaments: everyone starts at 1000, the expected score of A against B is
 * 1/(1+10^((Rb−Ra)/400)), and both ratings move by K·(actual − expected) in opposite directions, so the sum
 * of ratings stays n·1000 (the paper's seven method ELOs average 999.4).
 */

export const INITIAL_RATING = 1000;
export const DEFAULT_K = 32;

export function expectedScore(ratingA: number, ratingB: number): number {
  return 1 / (1 + 10 ** ((ratingB - ratingA) / 400));
}

/** New ratings after one game; `scoreA` is 1 (A won), 0.5 (draw) or 0 (B won). */
export function eloUpdate(
  ratingA: number,
  ratingB: number,
  scoreA: number,
  k: number = DEFAULT_K,
): [number, number] {
  const delta = k * (scoreA - expectedScore(ratingA, ratingB));
  return [ratingA + delta, ratingB - delta];
}

/** One rating table per dimension (idea id → rating). */
export type DimensionRatings<D extends string> = Map<D, Map<string, number>>;

/** Applies one judged pair to every dimension's table (an unknown id starts at the initial rating). */
export function applyPairOutcome<D extends string>(
  ratings: DimensionRatings<D>,
  first: string,
  second: string,
  outcome: Record<D, number>,
  k: number,
): void {
  for (const [dimension, table] of ratings) {
    const [a, b] = eloUpdate(
      table.get(first) ?? INITIAL_RATING,
      table.get(second) ?? INITIAL_RATING,
      outcome[dimension],
      k,
    );
    table.set(first, a);
    table.set(second, b);
  }
}
