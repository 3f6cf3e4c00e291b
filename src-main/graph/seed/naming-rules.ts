import { countSentences, NAMING_RULES } from '../naming-rules.ts';
import type { SeedNode } from './seed-format.ts';

/**
 * The MotivGraph-SoIQ naming rules (../shared/reference/motivgraph-soiq.md) as checks a curated or mined node can
 * be held to. Word counts split on spaces only, so a hyphenated term ("chain-of-thought") is one word.
 */
export const NAME_WORDS: Record<SeedNode['kind'], readonly [number, number]> = {
  Problem: NAMING_RULES.Problem.nameWords,
  Challenge: NAMING_RULES.Challenge.nameWords,
  Solution: NAMING_RULES.Solution.nameWords,
};

/** Description length in sentences: the miner's rule (problems 1–2, challenges and solutions 2–3). */
export const DESCRIPTION_SENTENCES: Record<SeedNode['kind'], readonly [number, number]> = {
  Problem: NAMING_RULES.Problem.descriptionSentences,
  Challenge: NAMING_RULES.Challenge.descriptionSentences,
  Solution: NAMING_RULES.Solution.descriptionSentences,
};

/** Proper names that are field vocabulary, not author method names; the only capitals allowed after word one. */
export const ALLOWED_PROPER_WORDS = new Set(['Bayesian', 'Monte', 'Carlo', 'Markov', 'Pareto', 'Nash']);

export const wordCount = (text: string): number => text.trim().split(/\s+/u).length;

/** The miner's sentence count, so a seed description and a mined one are held to one measure. */
export const sentenceCount = countSentences;

/** Words made lower-case, hyphens and punctuation as spaces: the form names are compared in. */
export const plainWords = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Everything wrong with one node's name and description under the rules; empty when it follows them. */
export function namingProblems(node: Pick<SeedNode, 'kind' | 'name' | 'description'>): string[] {
  const problems: string[] = [];
  const [minWords, maxWords] = NAME_WORDS[node.kind];
  const words = wordCount(node.name);
  if (words < minWords || words > maxWords) {
    problems.push(`name has ${words} words, ${node.kind} names need ${minWords}-${maxWords}`);
  }
  for (const token of node.name.split(/[\s\-/]+/u)) {
    // Acronyms (LLM, RLVR) and camel-case method names (BuPO, ViRL) both have a capital after the first letter.
    if (/\p{Lu}/u.test(token.slice(1)))
      problems.push(`name has the acronym or method-style token "${token}"`);
    if (/\d/u.test(token)) problems.push(`name has the token "${token}" with digits (model or method names)`);
  }
  node.name
    .split(/\s+/u)
    .slice(1)
    .forEach((word) => {
      const bare = word.replace(/[^\p{L}-]/gu, '');
      if (/^\p{Lu}/u.test(bare) && !ALLOWED_PROPER_WORDS.has(bare)) {
        problems.push(`name capitalises "${bare}" (a proper or method name?)`);
      }
    });
  const [minSentences, maxSentences] = DESCRIPTION_SENTENCES[node.kind];
  const sentences = sentenceCount(node.description);
  if (sentences < minSentences || sentences > maxSentences) {
    problems.push(
      `description has ${sentences} sentences, ${node.kind} descriptions need ${minSentences}-${maxSentences}`,
    );
  }
  return problems;
}
