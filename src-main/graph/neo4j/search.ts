import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphNode } from '../model.ts';
import type { SearchHit } from '../port.ts';
import { fuseRanks } from '../rank-fusion.ts';
import type { NodeSearchSchema } from '../schemas.ts';
import { checkDimension, findModel, listModels } from './embeddings.ts';
import type { ModelInfo } from './embeddings.ts';
import { toLuceneQuery } from './lucene.ts';
import { int, toFloat32List, toNode, toNumber } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import {
  FULLTEXT_SEARCH,
  MODEL_VECTOR_COUNT,
  NODES_BY_IDS,
  VECTOR_SEARCH_EXACT,
  VECTOR_SEARCH_INDEX,
} from './queries.ts';
import { firstRow, rows } from './tx.ts';

type SearchInput = z.output<typeof NodeSearchSchema>;

interface Ranked {
  id: string;
  score: number;
}

/** Same depths as the embedded store, so hybrid fusion sees the same candidate lists. */
const HYBRID_DEPTH_FACTOR = 4;
const HYBRID_MIN_DEPTH = 40;
/** The vector index (migration V003) holds 384-dimensional vectors; other models are scanned exactly. */
export const INDEXED_DIMENSION = 384;
/** Index candidates per wanted hit, so filters (kind, level, review, model) rarely starve the answer. */
const INDEX_OVERFETCH = 10;

export async function nodeSearch(tx: ManagedTransaction, input: SearchInput): Promise<SearchHit[]> {
  if (input.mode === 'lexical') return toHits(tx, await lexical(tx, input, input.limit), 'lexical');
  const model = input.vector ? await resolveModel(tx, input, input.mode === 'vector') : undefined;
  if (input.mode === 'vector') {
    if (!input.vector || !model) {
      throw new AppError('VALIDATION', 'Vector search needs a query vector', { field: 'vector' });
    }
    return toHits(tx, await vectorKnn(tx, model, input, input.limit), 'vector');
  }
  if (!input.vector || !model) return toHits(tx, await lexical(tx, input, input.limit), 'lexical');
  const depth = Math.max(input.limit * HYBRID_DEPTH_FACTOR, HYBRID_MIN_DEPTH);
  const lexicalIds = (await lexical(tx, input, depth)).map((r) => r.id);
  const vectorIds = (await vectorKnn(tx, model, input, depth)).map((r) => r.id);
  const fused = fuseRanks(lexicalIds, vectorIds, input.limit);
  const nodes = await nodesById(
    tx,
    fused.map((f) => f.id),
  );
  return fused.flatMap((f) => {
    const node = nodes.get(f.id);
    if (!node) return [];
    const hit: SearchHit = { node, score: f.score };
    if (f.lexicalRank !== undefined) hit.lexicalRank = f.lexicalRank;
    if (f.vectorRank !== undefined) hit.vectorRank = f.vectorRank;
    return [hit];
  });
}

async function resolveModel(
  tx: ManagedTransaction,
  input: SearchInput,
  required: boolean,
): Promise<ModelInfo | undefined> {
  if (input.model !== undefined) {
    const info = await findModel(tx, input.model);
    if (!info) {
      throw new AppError('VALIDATION', `No embeddings stored for model ${JSON.stringify(input.model)}`, {
        field: 'model',
      });
    }
    return info;
  }
  const models = await listModels(tx);
  if (models.length === 1) return models[0];
  if (models.length === 0 && !required) return undefined;
  throw new AppError(
    'VALIDATION',
    models.length === 0 ? 'No embeddings are stored yet' : 'Several embedding models are stored; name one',
    { field: 'model', models: models.map((m) => m.model) },
  );
}

function filterParams(input: SearchInput): Record<string, unknown> {
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

async function lexical(tx: ManagedTransaction, input: SearchInput, limit: number): Promise<Ranked[]> {
  const query = toLuceneQuery(input.query);
  if (query === null) return [];
  const found = await rows(tx, FULLTEXT_SEARCH, { query, limit: int(limit), ...filterParams(input) });
  return found.map(toRanked);
}

async function vectorKnn(
  tx: ManagedTransaction,
  model: ModelInfo,
  input: SearchInput,
  limit: number,
): Promise<Ranked[]> {
  const vector = toFloat32List(input.vector ?? []);
  checkDimension(model, vector.length);
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
  // Neo4j reports cosine as (1 + cos) / 2; the port's score is the cosine itself, as in the embedded store.
  return found.map(toRanked).map((r) => ({ id: r.id, score: 2 * r.score - 1 }));
}

export async function nodesById(
  tx: ManagedTransaction,
  ids: readonly string[],
): Promise<Map<string, GraphNode>> {
  if (ids.length === 0) return new Map();
  const found = await rows(tx, NODES_BY_IDS, { ids: [...new Set(ids)] });
  return new Map(
    found.map((row) => {
      const node = toNode(row.n as PropertyMap);
      return [node.id, node];
    }),
  );
}

async function toHits(
  tx: ManagedTransaction,
  ranked: Ranked[],
  mode: 'lexical' | 'vector',
): Promise<SearchHit[]> {
  const nodes = await nodesById(
    tx,
    ranked.map((r) => r.id),
  );
  return ranked.flatMap((r, index) => {
    const node = nodes.get(r.id);
    if (!node) return [];
    return [
      mode === 'lexical'
        ? { node, score: r.score, lexicalRank: index + 1 }
        : { node, score: r.score, vectorRank: index + 1 },
    ];
  });
}
