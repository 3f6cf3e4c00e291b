import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../graph/seeded-random.ts';
import { DIMENSIONS } from './dimensions.ts';
import { eloUpdate, expectedScore } from './elo.ts';
import { combineVerdicts } from './pairwise.ts';
import type { PairOutcome, PairwiseReply } from './pairwise.ts';
import { pairKey, suggestedRounds } from './swiss.ts';
import { runTournament } from './tournament.ts';
import type { PairJudge, TournamentResult } from './tournament.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `idea-${String(i).padStart(2, '0')}`);

const uniform = (value: 0 | 0.5 | 1): PairOutcome =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, value])) as PairOutcome;

/** A judge with a hidden true quality per idea and some seeded noise per pair (no model involved). */
function noisyJudge(seed: number): PairJudge {
  const random = mulberry32(seed);
  return (first, second) => {
    const quality = (id: string) => Number(id.slice(5)) + random() * 6;
    const q1 = quality(first);
    const q2 = quality(second);
    return Promise.resolve(uniform(Math.abs(q1 - q2) < 0.5 ? 0.5 : q1 > q2 ? 1 : 0));
  };
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

/** Every perfect matching of `people` (brute force, for small n), as lists of pair keys. */
function matchings(people: string[]): string[][] {
  if (people.length === 0) return [[]];
  const [head, ...rest] = people as [string, ...string[]];
  return rest.flatMap((partner) =>
    matchings(rest.filter((p) => p !== partner)).map((m) => [pairKey(head, partner), ...m]),
  );
}

describe('ELO', () => {
  it('uses the logistic expectation and moves both ratings by K·(actual − expected)', () => {
    expect(expectedScore(1000, 1000)).toBe(0.5);
    expect(expectedScore(1400, 1000)).toBeCloseTo(10 / 11, 12);
    expect(eloUpdate(1000, 1000, 1)).toEqual([1016, 984]);
    expect(eloUpdate(1000, 1000, 1, 16)).toEqual([1008, 992]);
    const [a, b] = eloUpdate(1200, 1000, 0.5);
    expect(a + b).toBeCloseTo(2200, 10);
    expect(a).toBeCloseTo(1200 + 32 * (0.5 - 1 / (1 + 10 ** (-200 / 400))), 10);
  });

  it('keeps the sum of ratings at n·1000 in every dimension, byes included', async () => {
    for (const n of [2, 7, 16, 33]) {
      const result = await runTournament(ids(n), noisyJudge(n), { seed: 42, rounds: 6 });
      for (const d of DIMENSIONS) {
        expect(sum(result.standings.map((s) => s.elo[d]))).toBeCloseTo(n * 1000, 6);
      }
    }
  });
});

describe('Swiss pairing', () => {
  it('suggests about log2(n)+2 rounds', () => {
    expect(suggestedRounds(64)).toBe(8);
    expect(suggestedRounds(12)).toBe(6);
    expect(suggestedRounds(1)).toBe(0);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const run = (seed: number) => runTournament(ids(12), noisyJudge(7), { seed, rounds: 5 });
    const [a, b, c] = await Promise.all([run(1), run(1), run(2)]);
    expect(a).toEqual(b);
    expect(a.history[0]?.pairs).not.toEqual(c.history[0]?.pairs);
  });

  it('never rematches while a rematch-free pairing exists, and rematches only when forced', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const people = ids(6);
      const result = await runTournament(people, noisyJudge(seed), { seed, rounds: 7 });
      const played = new Set<string>();
      for (const round of result.history) {
        const keys = round.pairs.map((p) => pairKey(p.first, p.second));
        const rematches = keys.filter((key) => played.has(key));
        if (rematches.length > 0) {
          // Forced: no perfect matching of the six avoids every pair played so far.
          expect(matchings(people).some((m) => m.every((key) => !played.has(key)))).toBe(false);
        }
        for (const key of keys) played.add(key);
      }
      // After two rounds the unplayed pairs of six form a 3-regular graph, which always has a perfect matching.
      const firstThree = result.history
        .slice(0, 3)
        .flatMap((r) => r.pairs.map((p) => pairKey(p.first, p.second)));
      expect(new Set(firstThree).size).toBe(firstThree.length);
    }
  });

  it('gives the odd one out a bye: one per round, nobody twice while others have none, +1 point, no ELO change', async () => {
    const people = ids(7);
    const result: TournamentResult = await runTournament(people, noisyJudge(3), { seed: 9, rounds: 5 });
    const byes = result.history.map((r) => r.bye);
    expect(byes.every((b) => b !== null)).toBe(true);
    expect(new Set(byes).size).toBe(5);
    for (const round of result.history) {
      expect(round.pairs).toHaveLength(3);
      expect(round.pairs.flatMap((p) => [p.first, p.second])).not.toContain(round.bye);
    }
    // Points: every pair hands out exactly 1, every bye 1.
    expect(sum(result.standings.map((s) => s.points))).toBeCloseTo(5 * 3 + 5, 10);
    // A lone idea only ever has byes: points but rating untouched.
    const alone = await runTournament(['solo'], noisyJudge(1), { seed: 1, rounds: 3 });
    expect(alone.standings[0]?.eloAverage).toBe(1000);
  });

  it('pairs neighbours by score after round 1', async () => {
    // The judge always prefers the lower index: after round 1 the winners meet winners.
    const byIndex: PairJudge = (a, b) => Promise.resolve(uniform(a < b ? 1 : 0));
    const result = await runTournament(ids(8), byIndex, { seed: 5, rounds: 2 });
    const winners = new Set(result.history[0]?.pairs.map((p) => (p.first < p.second ? p.first : p.second)));
    for (const pair of result.history[1]?.pairs ?? []) {
      expect(winners.has(pair.first)).toBe(winners.has(pair.second));
    }
  });
});

describe('order bias', () => {
  const always = (side: 'A' | 'B'): PairwiseReply =>
    ({ ...Object.fromEntries(DIMENSIONS.map((d) => [d, side])), rationale: 'r' }) as PairwiseReply;

  it('turns a judge that always picks the first-shown idea into draws', () => {
    expect(combineVerdicts(always('A'), always('A'))).toEqual(uniform(0.5));
    expect(combineVerdicts(always('B'), always('B'))).toEqual(uniform(0.5));
  });

  it('keeps a consistent verdict as a win for the right idea whichever order it was shown in', () => {
    expect(combineVerdicts(always('A'), always('B'))).toEqual(uniform(1));
    expect(combineVerdicts(always('B'), always('A'))).toEqual(uniform(0));
  });

  it('leaves every rating at 1000 under a purely position-biased judge', async () => {
    const biased: PairJudge = () => Promise.resolve(combineVerdicts(always('A'), always('A')));
    const result = await runTournament(ids(10), biased, { seed: 3, rounds: 5 });
    for (const s of result.standings) expect(s.eloAverage).toBeCloseTo(1000, 10);
  });
});
