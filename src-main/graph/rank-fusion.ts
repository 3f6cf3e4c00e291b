/**
 * Hybrid fusion anchored on the vector side (issue 12). Every candidate of either list scores its cosine to the
 * query; a lexical hit whose cosine is within SEMANTIC_MARGIN of the best one gets a bonus that falls with its
 * lexical rank, LEXICAL_WEIGHT · k / (k + rank − 1). So lexical evidence reorders semantically close candidates
 * but a query whose lexical hits are noise (low cosine) cannot push the semantic ones out, which reciprocal rank
 * fusion did. The constants were chosen on the tuning half of the seed's paraphrase set
 * (embeddings/seed-paraphrases.ts) and checked on its held-out half: on 110 queries, recall@5 0.80 / 0.67 against
 * vector alone 0.76 / 0.65 and RRF (k = 60) 0.65 / 0.62. A wider grid found nothing better by more than two
 * tuning queries (embeddings/README.md).
 */
export const SEMANTIC_MARGIN = 0.1;
export const LEXICAL_WEIGHT = 0.1;
export const LEXICAL_RANK_K = 10;

export interface FusedRank {
  id: string;
  score: number;
  lexicalRank?: number;
  vectorRank?: number;
}

export interface FusionInput {
  /** Nearest first, score = cosine to the query. */
  vector: ReadonlyArray<{ id: string; score: number }>;
  /** Best first. */
  lexicalIds: readonly string[];
  /**
   * Cosine of lexical hits missing from the vector list; null for a node without a vector of the model, which is
   * then placed at the margin's edge (a strong lexical hit not yet embedded still surfaces).
   */
  cosineOf: ReadonlyMap<string, number | null>;
}

export function fuseScores(input: FusionInput, limit: number): FusedRank[] {
  const fused = new Map<string, FusedRank>();
  input.vector.forEach((hit, index) =>
    fused.set(hit.id, { id: hit.id, score: hit.score, vectorRank: index + 1 }),
  );
  const cosines = [
    ...input.vector.map((hit) => hit.score),
    ...[...input.cosineOf.values()].flatMap((c) => c ?? []),
  ];
  // No cosine at all (nothing embedded matches the filters): the lexical order alone decides.
  const best = cosines.length > 0 ? Math.max(...cosines) : 0;
  const edge = best - SEMANTIC_MARGIN;
  input.lexicalIds.forEach((id, index) => {
    let entry = fused.get(id);
    if (!entry) {
      entry = { id, score: input.cosineOf.get(id) ?? edge };
      fused.set(id, entry);
    }
    entry.lexicalRank = index + 1;
    if (entry.score >= edge) entry.score += (LEXICAL_WEIGHT * LEXICAL_RANK_K) / (LEXICAL_RANK_K + index);
  });
  // Ties broken by id so both stores order equal scores the same way.
  return [...fused.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
}
