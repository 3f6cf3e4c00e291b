import type { GraphStats, NodeKind, ReviewState } from '../../../src-main/contract/graph.ts';
import { REVIEW_STATES } from './graph-labels.ts';

/**
 * The review queue lists mined and curated graph knowledge only (problems, challenges, solutions): Papers are
 * imported records, Ideas follow the ideator's own accept/reject and Topics are session topics. Its
 * count, the tab label and the header's review figures all come from here, so they agree with the list.
 */
export const REVIEWABLE_KINDS = ['Problem', 'Challenge', 'Solution'] as const satisfies readonly NodeKind[];

export function reviewCounts(stats: Pick<GraphStats, 'reviewByKind'>): Record<ReviewState, number> {
  const counts = Object.fromEntries(REVIEW_STATES.map((s) => [s, 0])) as Record<ReviewState, number>;
  for (const kind of REVIEWABLE_KINDS)
    for (const state of REVIEW_STATES) counts[state] += stats.reviewByKind[kind][state];
  return counts;
}
