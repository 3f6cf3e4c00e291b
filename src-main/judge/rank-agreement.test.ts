import { describe, expect, it } from 'vitest';
import { averageRanks, rankAgreement } from './rank-agreement.ts';

describe('rank agreement', () => {
  it('matches textbook values without ties (rho = 1 − 6Σd²/(n(n²−1)) = 0.8, tau = 6/10)', () => {
    const r = rankAgreement([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]);
    expect(r.n).toBe(5);
    expect(r.spearman).toBeCloseTo(0.8, 12);
    expect(r.kendallTauB).toBeCloseTo(0.6, 12);
  });

  it('matches SciPy documentation values with ties', () => {
    // scipy.stats.spearmanr([1,2,3,4,5],[5,6,7,8,7]) → 0.8207826816681233
    expect(rankAgreement([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).spearman).toBeCloseTo(0.8207826816681233, 12);
    // scipy.stats.kendalltau([12,2,1,12,2],[1,4,7,1,0]) → -0.47140452079103173 (tau-b)
    expect(rankAgreement([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).kendallTauB).toBeCloseTo(
      -0.47140452079103173,
      12,
    );
  });

  it('gives average ranks to ties, ±1 for identical and reversed orders, null when undefined', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(rankAgreement([1, 2, 3], [3, 2, 1])).toEqual({ n: 3, spearman: -1, kendallTauB: -1 });
    expect(rankAgreement([1, 2, 3], [10, 20, 30])).toEqual({ n: 3, spearman: 1, kendallTauB: 1 });
    expect(rankAgreement([1], [1])).toEqual({ n: 1, spearman: null, kendallTauB: null });
    expect(rankAgreement([1, 2, 3], [4, 4, 4])).toMatchObject({ spearman: null, kendallTauB: null });
    expect(() => rankAgreement([1, 2], [1])).toThrow(RangeError);
  });
});
