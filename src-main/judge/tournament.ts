import { mulberry32 } from '../graph/seeded-random.ts';
import { AppError } from '../shared/errors.ts';
import { DIMENSIONS } from './dimensions.ts';
import type { Dimension } from './dimensions.ts';
import { applyPairOutcome, DEFAULT_K, INITIAL_RATING } from './elo.ts';
import type { PairOutcome } from './pairwise.ts';
import { pairKey, pairRound, seededShuffle } from './swiss.ts';

/**
 * The Swiss tournament engine, independent of the model: `judge(first, second)` answers a pair (in the app,
 * both orders through the judgments store). Deterministic for a seed and the judge's answers, so a rerun after
 * a crash replays the same pairings and the store answers every finished pair without a model call.
 */

export const DEFAULT_ROUNDS = 5;

export interface TournamentOptions {
  seed: number;
  rounds?: number;
  k?: number;
  signal?: AbortSignal;
  onPairJudged?: (progress: TournamentProgress) => void;
}

export interface TournamentProgress {
  round: number;
  rounds: number;
  pairsDone: number;
  /** Pairs in the whole tournament (rounds × ⌊n/2⌋). */
  pairsTotal: number;
}

export interface Standing {
  id: string;
  /** One ELO per dimension. */
  elo: Record<Dimension, number>;
  /** Mean of the dimensions' ELOs. */
  eloAverage: number;
  /** Match points: the pair's mean outcome over dimensions, bye = 1. */
  points: number;
  byes: number;
}

export interface RoundRecord {
  round: number;
  pairs: { first: string; second: string; outcome: PairOutcome }[];
  bye: string | null;
}

export interface TournamentResult {
  seed: number;
  rounds: number;
  k: number;
  /** Best average ELO first. */
  standings: Standing[];
  history: RoundRecord[];
}

export type PairJudge = (first: string, second: string) => Promise<PairOutcome>;

export async function runTournament(
  ids: readonly string[],
  judge: PairJudge,
  options: TournamentOptions,
): Promise<TournamentResult> {
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', 'A tournament lists an idea twice');
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const k = options.k ?? DEFAULT_K;
  const order = seededShuffle(ids, mulberry32(options.seed));
  const ratings = new Map(DIMENSIONS.map((d) => [d, new Map(ids.map((id) => [id, INITIAL_RATING]))]));
  const points = new Map(ids.map((id) => [id, 0]));
  const played = new Set<string>();
  const byes = new Map<string, number>();
  const history: RoundRecord[] = [];
  const pairsTotal = rounds * Math.floor(ids.length / 2);
  let pairsDone = 0;
  for (let round = 1; round <= rounds && ids.length >= 2; round++) {
    const pairing = pairRound(order, round, { points, played, byes: new Set(byes.keys()) });
    const record: RoundRecord = { round, pairs: [], bye: pairing.bye };
    for (const [first, second] of pairing.pairs) {
      if (options.signal?.aborted) throw new AppError('CANCELLED', 'The tournament was cancelled');
      const outcome = await judge(first, second);
      applyPairOutcome(ratings, first, second, outcome, k);
      const mean = DIMENSIONS.reduce((sum, d) => sum + outcome[d], 0) / DIMENSIONS.length;
      points.set(first, (points.get(first) as number) + mean);
      points.set(second, (points.get(second) as number) + 1 - mean);
      played.add(pairKey(first, second));
      record.pairs.push({ first, second, outcome });
      options.onPairJudged?.({ round, rounds, pairsDone: ++pairsDone, pairsTotal });
    }
    if (pairing.bye !== null) {
      points.set(pairing.bye, (points.get(pairing.bye) as number) + 1);
      byes.set(pairing.bye, (byes.get(pairing.bye) ?? 0) + 1);
    }
    history.push(record);
  }
  const standings = ids.map((id): Standing => {
    const elo = Object.fromEntries(DIMENSIONS.map((d) => [d, ratings.get(d)?.get(id) as number])) as Record<
      Dimension,
      number
    >;
    const eloAverage = DIMENSIONS.reduce((sum, d) => sum + elo[d], 0) / DIMENSIONS.length;
    return { id, elo, eloAverage, points: points.get(id) as number, byes: byes.get(id) ?? 0 };
  });
  standings.sort((a, b) => b.eloAverage - a.eloAverage || a.id.localeCompare(b.id));
  return { seed: options.seed, rounds, k, standings, history };
}
