import { describe, expect, it } from 'vitest';
import type { NodeKind, ReviewState } from '../../../src-main/contract/graph.ts';
import { reviewCounts } from './review-counts.ts';

const none = { proposed: 0, approved: 0, rejected: 0 };

describe('reviewCounts', () => {
  it('counts problems, challenges and solutions only, as the review queue lists them', () => {
    const reviewByKind: Record<NodeKind, Record<ReviewState, number>> = {
      Problem: { proposed: 2, approved: 1, rejected: 0 },
      Challenge: { ...none, proposed: 1 },
      Solution: { ...none, rejected: 4 },
      Paper: { ...none, proposed: 7 },
      Idea: { proposed: 5, approved: 2, rejected: 1 },
      Topic: { ...none, proposed: 3 },
    };
    expect(reviewCounts({ reviewByKind })).toEqual({ proposed: 3, approved: 1, rejected: 4 });
  });
});
