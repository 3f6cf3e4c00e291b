import type { ProtocolReferenceSchema } from '../contract/protocol.ts';
import type { z } from 'zod';

/**
 * The paper's own figures (MotivGraph-SoIQ; /work/shared/reference/motivgraph-soiq.md, "Evaluation"), shown
 * beside the user's and always labelled as the paper's, with its setup: they come from a different judge, other
 * topics and other models, so they are context, not a target the user's numbers can be compared with.
 */

type DirectScores = z.output<typeof ProtocolReferenceSchema>['table1']['rows'][number];

/** One row of the paper's direct-score tables, in its column order: novelty, experiment, motivation. */
const scores = (method: string, novelty: number, experiment: number, motivation: number): DirectScores => ({
  method,
  novelty,
  experiment,
  motivation,
});

export const PAPER_REFERENCE: z.output<typeof ProtocolReferenceSchema> = {
  label: "The paper's figures (MotivGraph-SoIQ), not measured here",
  setup:
    '100 ICLR 2025 topics, at least 3 ideas per topic per method, DeepSeek-V3 backbone. Direct scores 0–10 by ' +
    'Fast-Reviewer (a fine-tuned Qwen2.5-7B; accept/reject AUC 0.76 novelty, 0.66 experiment, 0.56 motivation); ' +
    'pairwise judgments for ELO by DeepSeek-V3 in a Swiss tournament (ratings start at 1000, zero-sum). Judge ' +
    'prompts, rounds, K and pairing rules are not stated in the paper.',
  table1: {
    caption: 'Table 1: LLM direct scores (novelty / experiment / motivation)',
    rows: [
      scores('MotivGraph-SoIQ', 8.39, 8.64, 8.7),
      scores('AI-Scientist-v2', 7.22, 8.07, 8.21),
      scores('AI-Researcher', 7.58, 7.06, 7.86),
      scores('SciPIP', 7.61, 7.23, 7.61),
      scores('ResearchAgent', 7.43, 8.39, 8.06),
      scores('Real paper', 6.97, 8.16, 7.81),
    ],
  },
  table2: {
    caption: 'Table 2: average LLM ELO',
    rows: [
      { method: 'MotivGraph-SoIQ', eloAverage: 1064 },
      { method: 'AI-Scientist-v2', eloAverage: 1026 },
      { method: 'ResearchAgent', eloAverage: 1005 },
      { method: 'AI-Researcher', eloAverage: 1003 },
      { method: 'Real paper', eloAverage: 1001 },
      { method: 'SciPIP', eloAverage: 1000 },
      { method: 'CycleResearcher', eloAverage: 897 },
    ],
  },
  table3: {
    caption: 'Table 3: ablations, LLM direct scores (novelty / experiment / motivation)',
    rows: [
      scores('full', 8.39, 8.64, 8.7),
      scores('no-graph', 8.0, 8.36, 8.68),
      scores('SciPIP graph', 8.13, 8.44, 8.6),
      scores('no-mentor', 7.45, 7.76, 8.08),
      scores('neither', 7.71, 8.19, 8.47),
      scores('titles-only Semantic Scholar', 8.08, 8.36, 8.7),
    ],
  },
  diversity: 0.45,
  meanLengthChars: 4908,
};
