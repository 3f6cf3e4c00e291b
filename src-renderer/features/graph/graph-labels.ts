import type { NodeKind, ReviewState } from '../../../src-main/contract/graph.ts';

/**
 * The renderer may import only types from the contract, so the kind and state lists it shows are restated
 * here; `satisfies` keeps them in step with the model at compile time.
 */
export const KINDS = [
  'Problem',
  'Challenge',
  'Solution',
  'Paper',
  'Topic',
  'Idea',
] as const satisfies readonly NodeKind[];
export const MOTIVATION_KINDS = ['Problem', 'Challenge', 'Solution'] as const satisfies readonly NodeKind[];
export const REVIEW_STATES = ['proposed', 'approved', 'rejected'] as const satisfies readonly ReviewState[];

export const KIND_PLURAL: Record<NodeKind, string> = {
  Problem: 'Problems',
  Challenge: 'Challenges',
  Solution: 'Solutions',
  Paper: 'Papers',
  Topic: 'Topics',
  Idea: 'Ideas',
};

/** Colour per kind, used by badges and the subgraph picture (CSS custom properties in GraphPage). */
export const KIND_CLASS: Record<NodeKind, string> = {
  Problem: 'k-problem',
  Challenge: 'k-challenge',
  Solution: 'k-solution',
  Paper: 'k-paper',
  Topic: 'k-topic',
  Idea: 'k-idea',
};

export function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
