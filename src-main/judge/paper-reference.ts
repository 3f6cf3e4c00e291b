import type { ProtocolReferenceSchema } from '../contract/protocol.ts';
import type { z } from 'zod';

/**
 * The paper's own figures (MotivGraph-SoIQ; /work/shared/reference/motivgraph-soiq.md, "Evaluation"), shown
 * beside the user's and always labelled as the paper's, with its setup: they come from a different judge, other
 * topics and other models, so they are context, not a target the user's numbers can be compared with.
 */

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
      { method: 'MotivGraph-SoIQ', novelty: 8.39, experiment: 8.64, motivation: 8.7 },
      { method: 'AI-Scientist-v2', novelty: 7.22, experiment: 8.07, motivation: 8.21 },
      { method: 'AI-Researcher', novelty: 7.58, experiment: 7.06, motivation: 7.86 },
      { method: 'SciPIP', novelty: 7.61, experiment: 7.23, motivation: 7.61 },
      { method: 'ResearchAgent', novelty: 7.43, experiment: 8.39, motivation: 8.06 },
      { method: 'Real paper', novelty: 6.97, experiment: 8.16, motivation: 7.81 },
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
      { method: 'full', novelty: 8.39, experiment: 8.64, motivation: 8.7 },
      { method: 'no-graph', novelty: 8.0, experiment: 8.36, motivation: 8.68 },
      { method: 'SciPIP graph', novelty: 8.13, experiment: 8.44, motivation: 8.6 },
      { method: 'no-mentor', novelty: 7.45, experiment: 7.76, motivation: 8.08 },
      { method: 'neither', novelty: 7.71, experiment: 8.19, motivation: 8.47 },
      { method: 'titles-only Semantic Scholar', novelty: 8.08, experiment: 8.36, motivation: 8.7 },
    ],
  },
  diversity: 0.45,
  meanLengthChars: 4908,
};
