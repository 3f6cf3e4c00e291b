import type { MotivationKind } from '../graph/model.ts';

/**
 * The extractor's naming rules (reference/motivgraph-soiq.md), as checks that name what is wrong so the model can
 * repair it and a curator can read the report. Pure: no I/O.
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

export interface RuleViolation {
  kind: MotivationKind;
  field: 'name' | 'description';
  value: string;
  message: string;
}

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

/**
 * Acronyms and coined method names: an all-capitals token of two or more letters (LLM, BERT, GPT-4), or a token
 * with a capital after its first letter (LoRA, MotivGraph, wav2Vec). Plain capitalised words pass.
 */
export function acronymsIn(name: string): string[] {
  const tokens = name.split(/[\s/()[\],;:]+/u).filter(Boolean);
  return tokens.filter((token) => {
    const letters = token.replace(/[^\p{L}]/gu, '');
    if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase())
      return true;
    return /^\p{L}[\p{L}\p{N}-]*\p{Lu}/u.test(token) && /\p{Ll}/u.test(token);
  });
}

/**
 * Names the authors coined, read from the paper's title: the part before a colon ("MotivGraph-SoIQ: …") and any
 * acronym-like token in it. Used so a Solution is never named after the paper's own method.
 */
export function authorMethodNames(title: string): string[] {
  const out = new Set<string>();
  const head = /^([^:]{1,60}):/u.exec(title)?.[1]?.trim();
  if (head && countWords(head) <= 3) out.add(head.toLowerCase());
  for (const token of acronymsIn(title)) out.add(token.toLowerCase());
  return [...out];
}

export function checkNode(
  kind: MotivationKind,
  node: { name: string; description: string },
  paperTitle = '',
): RuleViolation[] {
  const rule = NAMING_RULES[kind];
  const violations: RuleViolation[] = [];
  const fail = (field: 'name' | 'description', message: string): void => {
    violations.push({ kind, field, value: field === 'name' ? node.name : node.description, message });
  };
  const words = countWords(node.name);
  const [minWords, maxWords] = rule.nameWords;
  if (words < minWords || words > maxWords) {
    fail('name', `${kind} name must have ${minWords}–${maxWords} words, has ${words}`);
  }
  const acronyms = acronymsIn(node.name);
  if (acronyms.length > 0) {
    fail('name', `${kind} name must not contain acronyms or coined method names (${acronyms.join(', ')})`);
  }
  const lowerName = node.name.toLowerCase();
  const coined = authorMethodNames(paperTitle).filter((m) => m.length >= 3 && lowerName.includes(m));
  if (coined.length > 0) {
    fail('name', `${kind} name must not use the authors' own method name (${coined.join(', ')})`);
  }
  const sentences = countSentences(node.description);
  const [minSentences, maxSentences] = rule.descriptionSentences;
  if (sentences < minSentences || sentences > maxSentences) {
    fail(
      'description',
      `${kind} description must have ${minSentences}–${maxSentences} sentences, has ${sentences}`,
    );
  }
  return violations;
}
