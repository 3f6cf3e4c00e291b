import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { SearchHit } from '../port.ts';
import { fuseRanks } from '../rank-fusion.ts';
import type { NodeSearchSchema } from '../schemas.ts';
import { BinaryCodeIndex } from './binary-index.ts';
import { checkDimension, findModel, listModels, takeTouched, toFloat32, vectorCount } from './embeddings.ts';
import type { ModelInfo } from './embeddings.ts';
import { toFtsQuery } from './fts.ts';
import { sql } from './open-database.ts';
import { nodesBySeq } from './rows.ts';
import type { StampedCache } from './stamped-cache.ts';

type SearchInput = z.output<typeof NodeSearchSchema>;

interface Ranked {
  seq: number;
  score: number;
}

/**
 * Each list feeding rank fusion is deeper than the answer, so a node ranked well in only one list can still
 * surface. Not much deeper: sqlite-vec's top-k bookkeeping grows with k.
 */
const HYBRID_DEPTH_FACTOR = 2;
const HYBRID_MIN_DEPTH = 20;

/** Candidates re-scored exactly per requested result when the approximate path is taken. */
const RESCORE_FACTOR = 10;
const RESCORE_MIN = 200;

/** How vector search may use the binary code index (binary-index.ts); without it, search is always exact. */
export interface ApproximateVectors {
  cache: StampedCache<BinaryCodeIndex | null>;
  stamp: string;
  /** Use the index once a model holds this many vectors; below it an exact scan is cheap. */
  fromCount: number;
}

export function nodeSearch(db: Database, input: SearchInput, approximate?: ApproximateVectors): SearchHit[] {
  if (input.mode === 'lexical') return toHits(db, lexical(db, input, input.limit), 'lexical');
  const model = input.vector ? resolveModel(db, input, input.mode === 'vector') : undefined;
  if (input.mode === 'vector') {
    if (!input.vector || !model) {
      throw new AppError('VALIDATION', 'Vector search needs a query vector', { field: 'vector' });
    }
    return toHits(db, vectorKnn(db, model, input, input.limit, approximate), 'vector');
  }
  // hybrid: lexical alone when no vector (or no embeddings stored) is available
  if (!input.vector || !model) return toHits(db, lexical(db, input, input.limit), 'lexical');
  const depth = Math.max(input.limit * HYBRID_DEPTH_FACTOR, HYBRID_MIN_DEPTH);
  const lexicalRanked = lexical(db, input, depth);
  const vectorRanked = vectorKnn(db, model, input, depth, approximate);
  // Fuse on node ids, not seqs, so ties break the same way in every store.
  const nodes = nodesBySeq(
    db,
    [...lexicalRanked, ...vectorRanked].map((r) => r.seq),
  );
  const ids = (ranked: Ranked[]): string[] => ranked.flatMap((r) => nodes.get(r.seq)?.id ?? []);
  const byId = new Map([...nodes.values()].map((node) => [node.id, node]));
  return fuseRanks(ids(lexicalRanked), ids(vectorRanked), input.limit).flatMap((f) => {
    const node = byId.get(f.id);
    if (!node) return [];
    const hit: SearchHit = { node, score: f.score };
    if (f.lexicalRank !== undefined) hit.lexicalRank = f.lexicalRank;
    if (f.vectorRank !== undefined) hit.vectorRank = f.vectorRank;
    return [hit];
  });
}

function resolveModel(db: Database, input: SearchInput, required: boolean): ModelInfo | undefined {
  if (input.model !== undefined) {
    const info = findModel(db, input.model);
    if (!info) {
      throw new AppError('VALIDATION', `No embeddings stored for model ${JSON.stringify(input.model)}`, {
        field: 'model',
      });
    }
    return info;
  }
  const models = listModels(db);
  if (models.length === 1) return models[0];
  if (models.length === 0 && !required) return undefined;
  throw new AppError(
    'VALIDATION',
    models.length === 0 ? 'No embeddings are stored yet' : 'Several embedding models are stored; name one',
    { field: 'model', models: models.map((m) => m.model) },
  );
}

/** Filter clauses shared by both searches; `alias` is the table holding kind, level and review. */
function filters(
  input: SearchInput,
  alias: string,
): { where: string[]; params: Array<string | number | bigint> } {
  const where: string[] = [];
  const params: Array<string | number | bigint> = [];
  if (input.kinds) {
    where.push(`${alias}.kind IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(input.kinds));
  }
  if (input.level !== undefined) {
    where.push(`${alias}.level = ?`);
    params.push(BigInt(input.level));
  }
  if (input.review) {
    where.push(`${alias}.review IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(input.review));
  }
  return { where, params };
}

function lexical(db: Database, input: SearchInput, limit: number): Ranked[] {
  const query = toFtsQuery(db, input.query);
  if (query === null) return [];
  const { where, params } = filters(input, 'n');
  // Name and aliases weigh more than the description: a hit in the name is what the user means.
  const rows = sql(
    db,
    `SELECT f.rowid AS seq, bm25(nodes_fts, 10.0, 5.0, 1.0) AS rank FROM nodes_fts f
     ${where.length ? 'JOIN nodes n ON n.seq = f.rowid' : ''}
     WHERE nodes_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
     ORDER BY rank LIMIT ?`,
  ).all(query, ...params, limit) as Array<{ seq: number; rank: number }>;
  return rows.map((r) => ({ seq: r.seq, score: -r.rank }));
}

function vectorKnn(
  db: Database,
  model: ModelInfo,
  input: SearchInput,
  limit: number,
  approximate?: ApproximateVectors,
): Ranked[] {
  const vector = toFloat32(input.vector ?? []);
  checkDimension(model, vector.length);
  const index = approximate ? currentCodeIndex(db, model, approximate) : null;
  if (index)
    return rescore(
      db,
      model,
      vector,
      index.nearest(vector, Math.max(limit * RESCORE_FACTOR, RESCORE_MIN), input),
      limit,
    );
  const { where, params } = filters(input, 'v');
  const rows = sql(
    db,
    `SELECT v.node_seq AS seq, v.distance AS distance FROM ${model.vec_table} v
     WHERE v.embedding MATCH ? AND k = ? ${where.map((w) => `AND ${w}`).join(' ')}
     ORDER BY v.distance`,
  ).all(vector, limit, ...params) as Array<{ seq: number; distance: number }>;
  return rows.map((r) => ({ seq: r.seq, score: 1 - r.distance }));
}

/**
 * The model's code index, brought up to date with this connection's writes by re-reading the touched nodes
 * (another connection's commit changes the stamp and reloads it); null below the size threshold.
 */
function currentCodeIndex(
  db: Database,
  model: ModelInfo,
  approximate: ApproximateVectors,
): BinaryCodeIndex | null {
  const load = (): BinaryCodeIndex | null =>
    vectorCount(db, model) >= approximate.fromCount ? BinaryCodeIndex.load(db, model) : null;
  const touched = takeTouched(db, model.model);
  let fresh = false;
  const cached = approximate.cache.get(approximate.stamp, model.model, () => {
    fresh = true;
    return load();
  });
  if (fresh || touched.length === 0) return cached;
  if (cached && cached.patch(db, touched)) return cached;
  const reloaded = load();
  approximate.cache.set(model.model, reloaded);
  return reloaded;
}

/** Exact cosine distances for the candidates, nearest first. */
function rescore(
  db: Database,
  model: ModelInfo,
  vector: Float32Array,
  seqs: number[],
  limit: number,
): Ranked[] {
  const distance = sql(
    db,
    `SELECT vec_distance_cosine(embedding, ?) FROM ${model.vec_table} WHERE node_seq = ?`,
  ).pluck();
  return seqs
    .map((seq) => ({ seq, distance: distance.get(vector, BigInt(seq)) as number }))
    .sort((a, b) => a.distance - b.distance || a.seq - b.seq)
    .slice(0, limit)
    .map((r) => ({ seq: r.seq, score: 1 - r.distance }));
}

function toHits(db: Database, ranked: Ranked[], mode: 'lexical' | 'vector'): SearchHit[] {
  const nodes = nodesBySeq(
    db,
    ranked.map((r) => r.seq),
  );
  return ranked.flatMap((r, index) => {
    const node = nodes.get(r.seq);
    if (!node) return [];
    return [
      mode === 'lexical'
        ? { node, score: r.score, lexicalRank: index + 1 }
        : { node, score: r.score, vectorRank: index + 1 },
    ];
  });
}
