/**
 * Reciprocal rank fusion: score(d) = Σ 1 / (k + rank_i(d)). Needs no score calibration between BM25 and cosine,
 * which live on different scales; k = 60 is the value from Cormack et al. (2009) that most systems keep.
 */
export const RRF_K = 60;

export interface FusedRank {
  id: string;
  score: number;
  lexicalRank?: number;
  vectorRank?: number;
}

export function fuseRanks(
  lexicalIds: readonly string[],
  vectorIds: readonly string[],
  limit: number,
): FusedRank[] {
  const fused = new Map<string, FusedRank>();
  const entry = (id: string): FusedRank => {
    let found = fused.get(id);
    if (!found) {
      found = { id, score: 0 };
      fused.set(id, found);
    }
    return found;
  };
  lexicalIds.forEach((id, index) => {
    const e = entry(id);
    e.lexicalRank = index + 1;
    e.score += 1 / (RRF_K + index + 1);
  });
  vectorIds.forEach((id, index) => {
    const e = entry(id);
    e.vectorRank = index + 1;
    e.score += 1 / (RRF_K + index + 1);
  });
  // Ties broken by id so both stores order equal scores the same way.
  return [...fused.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
}
