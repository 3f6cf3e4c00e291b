import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../graph/seeded-random.ts';
import { DIMENSIONS } from './dimensions.ts';
import { eloAfterEachRound, meanSd, methodElo, methodEloOverSeeds } from './elo-stats.ts';
import type { PairOutcome } from './pairwise.ts';
import { runTournament } from './tournament.ts';
import type { Standing } from './tournament.ts';

const standing = (id: string, eloAverage: number): Standing => ({
  id,
  elo: Object.fromEntries(DIMENSIONS.map((d) => [d, eloAverage])) as Standing['elo'],
  eloAverage,
  points: 0,
  byes: 0,
});

describe('ELO over methods and seeds', () => {
  it('gives mean and sample sd by hand', () => {
    expect(meanSd([])).toBeNull();
    expect(meanSd([1050])).toEqual({ mean: 1050, sd: 0, n: 1 });
    // mean 1000, squared deviations 400 + 0 + 400 over n − 1 = 2 → sd √400 = 20.
    expect(meanSd([980, 1000, 1020])).toEqual({ mean: 1000, sd: 20, n: 3 });
  });

  it("takes a method's ELO as the mean of its ideas', then mean ± sd over seeds", () => {
    const full = new Set(['a', 'b']);
    const seed1 = [standing('a', 1040), standing('b', 1020), standing('c', 970), standing('d', 970)];
    const seed2 = [standing('a', 1000), standing('b', 1020), standing('c', 990), standing('d', 990)];
    expect(methodElo(seed1, full)).toBe(1030);
    expect(methodElo(seed1, new Set(['nobody']))).toBeNull();
    const over = methodEloOverSeeds([{ standings: seed1 }, { standings: seed2 }], full);
    expect(over?.mean).toBe(1020);
    expect(over?.sd).toBeCloseTo(Math.SQRT2 * 10, 10);
    expect(over?.n).toBe(2);
  });

  it("replays a tournament's history to the same final ratings, round by round", async () => {
    const ids = ['i1', 'i2', 'i3', 'i4', 'i5'];
    const random = mulberry32(3);
    const judge = async (): Promise<PairOutcome> =>
      Object.fromEntries(DIMENSIONS.map((d) => [d, [0, 0.5, 1][Math.floor(random() * 3)]])) as PairOutcome;
    const result = await runTournament(ids, judge, { seed: 9, rounds: 4, k: 24 });
    const rounds = eloAfterEachRound(ids, result.history, result.k);
    expect(rounds).toHaveLength(4);
    for (const s of result.standings) expect(rounds[3]?.get(s.id)).toBeCloseTo(s.eloAverage, 9);
    // Zero-sum after every round (the bye changes no rating).
    for (const after of rounds) expect([...after.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(5000, 9);
    expect(eloAfterEachRound(ids, [], 32)).toEqual([]);
  });
});
