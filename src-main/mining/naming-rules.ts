import type { MotivationKind } from '../graph/model.ts';
import { countSentences, countWords, NAMING_RULES } from '../graph/naming-rules.ts';

/**
 * The extractor's naming rules (reference/motivgraph-soiq.md), as checks that name what is wrong so the model can
 * repair it and a curator can read the report. Pure: no I/O.
 */

export { countSentences, countWords, NAMING_RULES } from '../graph/naming-rules.ts';
export type { NamingRule } from '../graph/naming-rules.ts';

export interface RuleViolation {
  kind: MotivationKind;
  field: 'name' | 'description';
  value: string;
  message: string;
}

/** An all-capitals run of two or more letters (LLM, BERT, the GPT of GPT-4). */
function allCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** One hyphen-separated part of a token is coined when it is an acronym or has a capital after its first letter. */
const coinedPart = (part: string): boolean =>
  allCapitals(part) || (/^\p{L}[\p{L}\p{N}]*\p{Lu}/u.test(part) && /\p{Ll}/u.test(part));

/**
 * Acronyms and coined method names: an all-capitals token of two or more letters (LLM, BERT, GPT-4), or a token
 * with a capital after the first letter of one of its hyphen-separated parts (LoRA, MotivGraph, wav2Vec,
 * VL-Rethinker). Plain capitalised words pass, and so do title-case compounds (Vision-Language, Chain-of-Thought,
 * Fine-Tuning): a title capitalises each part of them, which does not make them a name the authors coined.
 */
export function acronymsIn(name: string): string[] {
  const tokens = name.split(/[\s/()[\],;:?!]+/u).filter(Boolean);
  return tokens.filter((token) => allCapitals(token) || token.split('-').some(coinedPart));
}

/**
 * Names the authors coined, read from the paper's title: the part before a colon ("MotivGraph-SoIQ: …",
 * "Reflexion: …") when it is at most three words, and every acronym or coined token in the title (ToT, ReAct,
 * MatheMatical). Ordinary words of the title, hyphenated or not, are never on the list.
 */
export function authorMethodNames(title: string): string[] {
  return methodNamesOf(title).map((m) => m.toLowerCase());
}

/** The method names of `title` as the title spells them. */
function methodNamesOf(title: string): string[] {
  const out = new Map<string, string>();
  const head = /^([^:]{1,60}):/u.exec(title)?.[1]?.trim();
  if (head && countWords(head) <= 3) out.set(head.toLowerCase(), head);
  for (const token of acronymsIn(title)) {
    const name = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (name.length >= 2 && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), name);
  }
  return [...out.values()];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** An ordinary word as prose writes it: all lower case, or capitalised only at the start. */
const plainWord = (text: string): boolean => /^\p{Lu}?\p{Ll}+$/u.test(text);

/**
 * The authors' method names (read from `title`) that `name` uses, as whole words in any case. A coined
 * single-word token (ReAct, LEMMA, MatheMatical) that the name writes as an ordinary word ("react", "Lemma",
 * "mathematical") is that ordinary word, not the method; a method the title spells as an ordinary word
 * ("Reflexion: …") or with a hyphen or digit ("MotivGraph-SoIQ") is refused in any spelling.
 */
export function authorMethodNamesUsed(name: string, title: string): string[] {
  const used: string[] = [];
  for (const method of methodNamesOf(title)) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(method)}(?![\\p{L}\\p{N}])`, 'giu');
    const coinedWord = /^\p{L}+$/u.test(method) && !plainWord(method);
    const hits = [...name.matchAll(pattern)].map((m) => m[0]);
    if (hits.some((hit) => !coinedWord || !plainWord(hit))) used.push(method.toLowerCase());
  }
  return used;
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
  const coined = authorMethodNamesUsed(node.name, paperTitle);
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
