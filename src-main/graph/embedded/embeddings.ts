import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../model.ts';
import { sql } from './open-database.ts';

/**
 * Vectors per (node, model) in one sqlite-vec vec0 table per model, created on the model's first vector with
 * the dimension it fixes. kind, level and review are copied in as vec0 metadata columns so filtered kNN runs
 * inside the index scan instead of over-fetching and filtering afterwards.
 */

export interface ModelInfo {
  model: string;
  dimension: number;
  vec_table: string;
}

export function toFloat32(vector: Float32Array | readonly number[]): Float32Array {
  return vector instanceof Float32Array ? vector : Float32Array.from(vector);
}

export function listModels(db: Database): ModelInfo[] {
  return sql(db, 'SELECT model, dimension, vec_table FROM embedding_models ORDER BY model').all() as ModelInfo[];
}

export function findModel(db: Database, model: string): ModelInfo | undefined {
  return sql(db, 'SELECT model, dimension, vec_table FROM embedding_models WHERE model = ?').get(model) as
    | ModelInfo
    | undefined;
}

export function checkDimension(info: ModelInfo, dimension: number): void {
  if (dimension !== info.dimension) {
    throw new AppError(
      'VALIDATION',
      `Vector has ${dimension} dimensions; model ${JSON.stringify(info.model)} uses ${info.dimension}`,
      { field: 'vector', expected: info.dimension, actual: dimension },
    );
  }
}

/** The model's table, created on first use; the table name comes from a counter, never from the model string. */
export function ensureModel(db: Database, model: string, dimension: number): ModelInfo {
  const existing = findModel(db, model);
  if (existing) {
    checkDimension(existing, dimension);
    return existing;
  }
  if (dimension < 1 || dimension > LIMITS.embeddingDimensionMax) {
    throw new AppError('VALIDATION', `Vector dimension must be 1..${LIMITS.embeddingDimensionMax}`, {
      field: 'vector',
      actual: dimension,
    });
  }
  const next = (sql(db, 'SELECT COUNT(*) AS c FROM embedding_models').get() as { c: number }).c + 1;
  const info: ModelInfo = { model, dimension, vec_table: `vec_model_${next}` };
  db.exec(`CREATE VIRTUAL TABLE ${info.vec_table} USING vec0 (
    node_seq INTEGER PRIMARY KEY,
    embedding float[${dimension}] distance_metric=cosine,
    kind TEXT,
    level INTEGER,
    review TEXT
  )`);
  sql(db, 'INSERT INTO embedding_models (model, dimension, vec_table) VALUES (?, ?, ?)').run(
    model,
    dimension,
    info.vec_table,
  );
  return info;
}

export interface VectorOwner {
  seq: number;
  kind: string;
  level: number;
  review: string;
}

export function putVector(db: Database, info: ModelInfo, owner: VectorOwner, vector: Float32Array): void {
  checkDimension(info, vector.length);
  sql(db, `DELETE FROM ${info.vec_table} WHERE node_seq = ?`).run(BigInt(owner.seq));
  // vec0 wants SQLite integers for INTEGER columns; JS numbers bind as REAL, hence BigInt.
  sql(db, `INSERT INTO ${info.vec_table} (node_seq, embedding, kind, level, review) VALUES (?, ?, ?, ?, ?)`).run(
    BigInt(owner.seq),
    vector,
    owner.kind,
    BigInt(owner.level),
    owner.review,
  );
}

export function readVector(db: Database, info: ModelInfo, seq: number): Float32Array | null {
  const row = sql(db, `SELECT embedding FROM ${info.vec_table} WHERE node_seq = ?`).get(BigInt(seq)) as
    | { embedding: Buffer }
    | undefined;
  if (!row) return null;
  const bytes = row.embedding;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Keep the filter columns in step with the node after level or review changes. */
export function syncVectorMetadata(db: Database, owner: VectorOwner): void {
  for (const info of listModels(db)) {
    sql(db, `UPDATE ${info.vec_table} SET level = ?, review = ? WHERE node_seq = ?`).run(
      BigInt(owner.level),
      owner.review,
      BigInt(owner.seq),
    );
  }
}

export function removeVectors(db: Database, seq: number): void {
  for (const info of listModels(db)) sql(db, `DELETE FROM ${info.vec_table} WHERE node_seq = ?`).run(BigInt(seq));
}

/** Merge: the keeper takes over the dropped node's vectors for models it has none for. */
export function adoptVectors(db: Database, from: VectorOwner, to: VectorOwner): void {
  for (const info of listModels(db)) {
    const mine = readVector(db, info, to.seq);
    const theirs = readVector(db, info, from.seq);
    if (!mine && theirs) putVector(db, info, to, theirs);
  }
}

export function vectorCount(db: Database, info: ModelInfo): number {
  return (sql(db, `SELECT COUNT(*) AS c FROM ${info.vec_table}`).get() as { c: number }).c;
}
