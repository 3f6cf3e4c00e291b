import type { Database } from 'better-sqlite3';
import type { SearchFilters } from '../driver.ts';
import { BinaryCodeIndex } from './binary-index.ts';
import { takeTouched, vectorCount } from './embeddings.ts';
import type { ModelInfo } from './embeddings.ts';
import { toFtsQuery } from './fts.ts';
import { sql } from './open-database.ts';
import type { StampedCache } from './stamped-cache.ts';

/** Lexical and vector rankings of the embedded store, by node seq (graph/rules/search.ts fuses them). */

export interface Ranked {
  seq: number;
  score: number;
}

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

/** Filter clauses shared by both searches; `alias` is the table holding kind, level and review. */
function filters(
  input: SearchFilters,
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

export function lexicalRanking(db: Database, text: string, input: SearchFilters, limit: number): Ranked[] {
  const query = toFtsQuery(db, text);
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

export function vectorRanking(
  db: Database,
  model: ModelInfo,
  query: Float32Array,
  input: SearchFilters,
  limit: number,
  approximate?: ApproximateVectors,
): Ranked[] {
  const vector = query;
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
