/** The judged dimensions: the paper's three (novelty, experiment = rigor, motivation = rationality) plus ours. */
export const DIMENSIONS = ['novelty', 'experiment', 'motivation', 'feasibility', 'clarity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The paper's direct-score reviewer; only its scores may be set beside the paper's tables. */
export const PAPER_REVIEWER = /fast-?reviewer/i;

export const NOT_COMPARABLE_NOTE =
  "not comparable to the paper's numbers (its reviewer was Fast-Reviewer, a fine-tuned Qwen2.5-7B)";

export function comparabilityNote(model: string): string | null {
  return PAPER_REVIEWER.test(model) ? null : NOT_COMPARABLE_NOTE;
}
