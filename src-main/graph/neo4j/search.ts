import type { ManagedTransaction } from 'neo4j-driver';
import type { EmbeddingModel, Ranked, SearchFilters, Vector } from '../driver.ts';
import { toLuceneQuery } from './lucene.ts';
import type { GraphNode } from '../model.ts';
import { int, toFloat32List, toNode, toNumber } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import {
  FULLTEXT_SEARCH,
  FULLTEXT_SEARCH_TOP,
  MODEL_VECTOR_COUNT,
  VECTOR_SEARCH_EXACT,
  VECTOR_SEARCH_INDEX,
} from './queries.ts';
import { firstRow, rows } from './tx.ts';

/** Lexical and vector rankings on Neo4j's full-text and vector indexes (graph/rules/search.ts fuses them). */

/** The vector index (migration V003) holds 384-dimensional vectors; other models are scanned exactly. */
export const INDEXED_DIMENSION = 384;
/** Index candidates per wanted hit, so filters (kind, level, review, model) rarely starve the answer. */
const INDEX_OVERFETCH = 10;

function filterParams(input: SearchFilters): Record<string, unknown> {
  return {
    kinds: input.kinds ?? null,
    level: input.level === undefined ? null : int(input.level),
    review: input.review ?? null,
  };
}

const toRanked = (row: Record<string, unknown>): Ranked => ({
  id: String(row.id),
  score: toNumber(row.score),
});

/** Nodes a ranking read along with their ids, kept by the caller so it need not read them again. */
export type SeenNodes = Map<string, GraphNode>;

function remember(found: Record<string, unknown>[], seen: SeenNodes | undefined): void {
  if (!seen) return;
  for (const row of found) if (row.n) seen.set(String(row.id), toNode(row.n as PropertyMap));
}

export async function lexicalRanking(
  tx: ManagedTransaction,
  text: string,
  input: SearchFilters,
  limit: number,
  seen?: SeenNodes,
): Promise<Ranked[]> {
  const query = toLuceneQuery(text);
  if (query === null) return [];
  const unfiltered = input.kinds === undefined && input.level === undefined && input.review === undefined;
  const found = await rows(tx, unfiltered ? FULLTEXT_SEARCH_TOP : FULLTEXT_SEARCH, {
    query,
    limit: int(limit),
    ...filterParams(input),
  });
  remember(found, seen);
  return found.map(toRanked);
}

export async function vectorRanking(
  tx: ManagedTransaction,
  model: EmbeddingModel,
  query: Vector,
  input: SearchFilters,
  limit: number,
  seen?: SeenNodes,
): Promise<Ranked[]> {
  const vector = toFloat32List(query);
  const params = { model: model.model, vector, limit: int(limit), ...filterParams(input) };
  let found: Record<string, unknown>[] | undefined;
  if (model.dimension === INDEXED_DIMENSION) {
    const candidates = limit * INDEX_OVERFETCH;
    found = await rows(tx, VECTOR_SEARCH_INDEX, { ...params, candidates: int(candidates) });
    // Too few survivors while more vectors exist: filters were selective, so answer exactly instead.
    if (found.length < limit) {
      const total = toNumber((await firstRow(tx, MODEL_VECTOR_COUNT, { model: model.model }))?.count ?? 0);
      if (total > candidates) found = undefined;
    }
  }
  found ??= await rows(tx, VECTOR_SEARCH_EXACT, params);
  remember(found, seen);
  // Neo4j reports cosine as (1 + cos) / 2; the port's score is the cosine itself, as in the embedded store.
  return found.map(toRanked).map((r) => ({ id: r.id, score: 2 * r.score - 1 }));
}
