import { describe, expect, it } from 'vitest';
import { agreementOf } from './agreement.ts';

/** Values by idea id, in the order written. */
const ranks = (values: Record<string, number>): Map<string, number> => new Map(Object.entries(values));

describe('human/LLM agreement', () => {
  it('answers the reason instead of numbers below three ideas in common', () => {
    const human = ranks({ a: 1, b: 2, c: 3 });
    const llm = ranks({ a: 5, b: 6, z: 7 });
    expect(agreementOf('elo', 'direct', human, llm, 'unused')).toEqual({
      human: 'elo',
      llm: 'direct',
      n: 2,
      spearman: null,
      kendallTauB: null,
      reason: '2 ideas ranked by both; agreement needs at least 3',
    });
    expect(agreementOf('elo', 'tournament', human, null, 'no stored tournament')).toMatchObject({
      n: 0,
      spearman: null,
      reason: 'no stored tournament',
    });
  });

  it('gives Spearman and Kendall over the ideas in common, with n', () => {
    const human = ranks({ a: 1010, b: 1030, c: 990, d: 970, 'only-human': 1000 });
    const same = ranks({ a: 7, b: 9, c: 5, d: 4 });
    expect(agreementOf('elo', 'direct', human, same, '')).toEqual({
      human: 'elo',
      llm: 'direct',
      n: 4,
      spearman: 1,
      kendallTauB: 1,
      reason: null,
    });
    // One swap (a↔c), one discordant pair of 6; known values: rho = 1 − 6·Σd²/(n(n²−1)) = 0.8, tau = (5−1)/6.
    const swapped = ranks({ a: 5, b: 9, c: 7, d: 4 });
    const result = agreementOf('ratings', 'direct', human, swapped, '');
    expect(result.spearman).toBeCloseTo(0.8, 9);
    expect(result.kendallTauB).toBeCloseTo(4 / 6, 9);
  });

  it('says why when one side gives every idea the same value', () => {
    const human = ranks({ a: 1, b: 2, c: 3 });
    const flat = ranks({ a: 5, b: 5, c: 5 });
    expect(agreementOf('elo', 'direct', human, flat, '')).toMatchObject({
      n: 3,
      spearman: null,
      reason: 'one ranking gives every idea in common the same value',
    });
  });
});
