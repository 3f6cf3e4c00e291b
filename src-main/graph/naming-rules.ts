import type { MotivationKind } from './model.ts';

/**
 * The MotivGraph-SoIQ naming rules (shared/reference/motivgraph-soiq.md), in one place for everything that writes
 * or checks node names: the miner's extractor and parent prompts and their checks (mining/naming-rules.ts) and the
 * seed graph's checker (graph/seed/naming-rules.ts). Before issue 16 the two kept their own tables and drifted.
 */

export interface NamingRule {
  nameWords: readonly [number, number];
  descriptionSentences: readonly [number, number];
}

export const NAMING_RULES: Readonly<Record<MotivationKind, NamingRule>> = {
  Problem: { nameWords: [3, 7], descriptionSentences: [1, 2] },
  Challenge: { nameWords: [5, 8], descriptionSentences: [2, 3] },
  Solution: { nameWords: [7, 10], descriptionSentences: [2, 3] },
};

const range = ([min, max]: readonly [number, number]): string => `${min}–${max}`;
const { Problem, Challenge, Solution } = NAMING_RULES;

/** The rules as the prompts state them, numbers read from the table above. */
export const NAMING_RULES_TEXT = `- Problem: a minimally granular research topic or task. Name: a general task or field, ${range(Problem.nameWords)} words, no
  author-specific names and no acronyms. Description: ${range(Problem.descriptionSentences)} neutral sentences that define it and do not
  mention its difficulties.
- Challenge: a specific difficulty met within the problem. Name: "[specific difficulty or limitation] in [aspect of
  the problem]", ${range(Challenge.nameWords)} words, atomic: one difficulty, never two joined by "and". Description: ${range(Challenge.descriptionSentences)} sentences
  on how the difficulty bears on the problem.
- Solution: the concrete method that addresses the challenge. Name: ${range(Solution.nameWords)} words in general technical terms, never the
  authors' own method name or any acronym; a survey, benchmark or study is not a method. Description: ${range(Solution.descriptionSentences)}
  sentences on how it works technically (read new methods from the method section).`;

export const countWords = (text: string): number => text.trim().split(/\s+/u).filter(Boolean).length;

/** Sentences end in . ! or ? followed by a space or the end; "e.g." and decimals are not ends. */
export function countSentences(text: string): number {
  const cleaned = text
    .replace(/\b(e\.g|i\.e|etc|et al|vs|cf)\./giu, '$1')
    .replace(/(\d)\.(\d)/gu, '$1$2')
    .trim();
  if (!cleaned) return 0;
  const ends = cleaned.match(/[.!?]+(?=\s|$)/gu)?.length ?? 0;
  // A final sentence without a full stop still counts.
  return /[.!?]$/u.test(cleaned) ? ends : ends + 1;
}
