import { lexicalVectors } from '../mining/lexical-vectors.ts';

/**
 * Which challenges an atlas method could address: MiniLM cosine of "name: description" texts blended with a
 * TF-IDF cosine over the words both share, kept above a threshold, at most `perMethod` challenges per method and
 * `perChallenge` methods per challenge. Pure and deterministic: ties break by id, the same inputs give the same
 * pairs. The constants and how they were chosen: README.md ("Choosing the threshold").
 */

export const MATCH_RULES = {
  /** Share of the MiniLM cosine in the score; the rest is the lexical cosine. */
  semanticWeight: 0.8,
  threshold: 0.45,
  perMethod: 2,
  perChallenge: 2,
} as const;

export interface MatchRules {
  semanticWeight: number;
  threshold: number;
  perMethod: number;
  perChallenge: number;
}

export interface MatchText {
  id: string;
  name: string;
  description: string;
}

export interface MethodMatch {
  methodId: string;
  challengeId: string;
  /** The blended score the threshold applies to, rounded to 4 digits (so reruns compare equal). */
  score: number;
  semantic: number;
  lexical: number;
}

export interface MatchInput {
  methods: readonly MatchText[];
  /** Unit vectors, one per method, in order. */
  methodVectors: readonly Float32Array[];
  challenges: readonly MatchText[];
  challengeVectors: readonly Float32Array[];
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Every (method, challenge) pair scored, above the threshold, best first (ties by method id, then challenge id). */
export function scorePairs(input: MatchInput, rules: MatchRules = MATCH_RULES): MethodMatch[] {
  const lexical = lexicalVectors([...input.methods, ...input.challenges]);
  const methodLexical = lexical.slice(0, input.methods.length);
  const challengeLexical = lexical.slice(input.methods.length);
  const pairs: MethodMatch[] = [];
  input.methods.forEach((method, m) => {
    input.challenges.forEach((challenge, c) => {
      const semantic = dot(input.methodVectors[m] as Float32Array, input.challengeVectors[c] as Float32Array);
      const lex = dot(methodLexical[m] as Float32Array, challengeLexical[c] as Float32Array);
      const score = round4(rules.semanticWeight * semantic + (1 - rules.semanticWeight) * lex);
      if (score < rules.threshold) return;
      pairs.push({
        methodId: method.id,
        challengeId: challenge.id,
        score,
        semantic: round4(semantic),
        lexical: round4(lex),
      });
    });
  });
  return pairs.sort(
    (a, b) =>
      b.score - a.score || a.methodId.localeCompare(b.methodId) || a.challengeId.localeCompare(b.challengeId),
  );
}

/** The kept pairs: greedy over the ranked list, each method and each challenge filled up to its cap. */
export function matchMethods(input: MatchInput, rules: MatchRules = MATCH_RULES): MethodMatch[] {
  const perMethod = new Map<string, number>();
  const perChallenge = new Map<string, number>();
  const kept: MethodMatch[] = [];
  for (const pair of scorePairs(input, rules)) {
    const m = perMethod.get(pair.methodId) ?? 0;
    const c = perChallenge.get(pair.challengeId) ?? 0;
    if (m >= rules.perMethod || c >= rules.perChallenge) continue;
    perMethod.set(pair.methodId, m + 1);
    perChallenge.set(pair.challengeId, c + 1);
    kept.push(pair);
  }
  return kept;
}
