import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphReader, Ranked, SearchFilters } from '../driver.ts';
import type { SearchHit } from '../port.ts';
import { fuseRanks } from '../rank-fusion.ts';
import type { NodeSearchSchema } from '../schemas.ts';
import { checkDimension, searchModel } from './embedding-rules.ts';

type SearchInput = z.output<typeof NodeSearchSchema>;

/**
 * Each list feeding rank fusion is deeper than the answer, so a node ranked well in only one list can still
 * surface. One value for both stores (they differed: 2 / 20 embedded, 4 / 40 Neo4j).
 */
const HYBRID_DEPTH_FACTOR = 2;
const HYBRID_MIN_DEPTH = 20;

/** Lexical, vector or hybrid (reciprocal rank fusion); hybrid without a vector or stored model is lexical. */
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
  const vectorIds = (await nearest(depth)).map((x) => x.id);
  const fused = fuseRanks(lexicalIds, vectorIds, input.limit);
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
