import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphReader, Ranked, SearchFilters } from '../driver.ts';
import type { SearchHit } from '../port.ts';
import { fuseScores } from '../rank-fusion.ts';
import type { NodeSearchSchema } from '../schemas.ts';
import { checkDimension, searchModel } from './embedding-rules.ts';

type SearchInput = z.output<typeof NodeSearchSchema>;

/**
 * Each list feeding the fusion is deeper than the answer, so a node ranked well in only one list can still
 * surface. One value for both stores (they differed: 2 / 20 embedded, 4 / 40 Neo4j); 40 is the depth the
 * fusion's constants were chosen with (rank-fusion.ts).
 */
const HYBRID_DEPTH_FACTOR = 2;
const HYBRID_MIN_DEPTH = 40;

/** Lexical, vector or hybrid (vector-anchored fusion, rank-fusion.ts); hybrid without a vector or stored model is lexical. */
export async function nodeSearch(r: GraphReader, input: SearchInput): Promise<SearchHit[]> {
  const filters: SearchFilters = { kinds: input.kinds, level: input.level, review: input.review };
  const lexical = (limit: number): Promise<Ranked[]> => r.lexicalRanking(input.query, filters, limit);
  if (input.mode === 'lexical') return toHits(r, await lexical(input.limit), 'lexical');
  const model = input.vector ? await searchModel(r, input.model, input.mode === 'vector') : undefined;
  if (input.mode === 'vector' && (!input.vector || !model)) {
    throw new AppError('VALIDATION', 'Vector search needs a query vector', { field: 'vector' });
  }
  if (!input.vector || !model) return toHits(r, await lexical(input.limit), 'lexical');
  const vector = input.vector;
  checkDimension(model, vector.length);
  const nearest = (limit: number): Promise<Ranked[]> => r.vectorRanking(model, vector, filters, limit);
  if (input.mode === 'vector') return toHits(r, await nearest(input.limit), 'vector');
  const depth = Math.max(input.limit * HYBRID_DEPTH_FACTOR, HYBRID_MIN_DEPTH);
  const lexicalIds = (await lexical(depth)).map((x) => x.id);
  const vectorHits = await nearest(depth);
  const inVector = new Set(vectorHits.map((x) => x.id));
  const cosineOf = new Map<string, number | null>();
  const lexicalOnly = lexicalIds.filter((id) => !inVector.has(id));
  // One read for all of them: on Neo4j each read is a round trip.
  const stored = await r.vectorsOf(lexicalOnly, model.model);
  for (const id of lexicalOnly) {
    const found = stored.get(id);
    cosineOf.set(id, found ? cosine(vector, found) : null);
  }
  const fused = fuseScores({ vector: vectorHits, lexicalIds, cosineOf }, input.limit);
  const nodes = await r.nodesById(fused.map((f) => f.id));
  return fused.flatMap((f) => {
    const node = nodes.get(f.id);
    if (!node) return [];
    const hit: SearchHit = { node, score: f.score };
    if (f.lexicalRank !== undefined) hit.lexicalRank = f.lexicalRank;
    if (f.vectorRank !== undefined) hit.vectorRank = f.vectorRank;
    return [hit];
  });
}

async function toHits(r: GraphReader, ranked: Ranked[], mode: 'lexical' | 'vector'): Promise<SearchHit[]> {
  const nodes = await r.nodesById(ranked.map((x) => x.id));
  return ranked.flatMap((x, index) => {
    const node = nodes.get(x.id);
    if (!node) return [];
    return [
      mode === 'lexical'
        ? { node, score: x.score, lexicalRank: index + 1 }
        : { node, score: x.score, vectorRank: index + 1 },
    ];
  });
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}
