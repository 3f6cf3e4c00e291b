import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';
import { memoEntry } from '../../shared/memo-entry.ts';
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

/** Table names are spliced into SQL, so one read back from the file must look exactly like ours. */
function checked(info: ModelInfo): ModelInfo {
  if (!/^vec_model_\d+$/.test(info.vec_table) || !Number.isInteger(info.dimension)) {
    throw new AppError('INTERNAL', `Corrupt embedding model entry for ${JSON.stringify(info.model)}`);
  }
  return info;
}

export function listModels(db: Database): ModelInfo[] {
  const rows = sql(db, 'SELECT model, dimension, vec_table FROM embedding_models ORDER BY model').all();
  return (rows as ModelInfo[]).map(checked);
}

export function findModel(db: Database, model: string): ModelInfo | undefined {
  const row = sql(db, 'SELECT model, dimension, vec_table FROM embedding_models WHERE model = ?').get(model);
  return row === undefined ? undefined : checked(row as ModelInfo);
}

/** A new model's table (the dimension was checked by the caller); its name comes from a counter, never from
 * the model string. */
export function createModelTable(db: Database, model: string, dimension: number): ModelInfo {
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

/** Store a node's vector; `fresh` skips the delete when the node cannot have one yet (a node just inserted). */
export function putVector(
  db: Database,
  info: ModelInfo,
  owner: VectorOwner,
  vector: Float32Array,
  fresh = false,
): void {
  touch(db, info.model, owner.seq);
  if (!fresh) sql(db, `DELETE FROM ${info.vec_table} WHERE node_seq = ?`).run(BigInt(owner.seq));
  sql(db, 'INSERT OR REPLACE INTO vector_codes (model, node_seq, code) VALUES (?, ?, ?)').run(
    info.model,
    owner.seq,
    signCode(vector),
  );
  // vec0 wants SQLite integers for INTEGER columns; JS numbers bind as REAL, hence BigInt.
  sql(
    db,
    `INSERT INTO ${info.vec_table} (node_seq, embedding, kind, level, review) VALUES (?, ?, ?, ?, ?)`,
  ).run(BigInt(owner.seq), vector, owner.kind, BigInt(owner.level), owner.review);
}

export function readVector(db: Database, info: ModelInfo, seq: number): Float32Array | null {
  const row = sql(db, `SELECT embedding FROM ${info.vec_table} WHERE node_seq = ?`).get(BigInt(seq)) as
    { embedding: Buffer } | undefined;
  return row ? blobToVector(row.embedding) : null;
}

export function blobToVector(bytes: Buffer): Float32Array {
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Keep the filter columns in step with the node after level or review changes. */
export function syncVectorMetadata(db: Database, owner: VectorOwner): void {
  for (const info of listModels(db)) {
    touch(db, info.model, owner.seq);
    sql(db, `UPDATE ${info.vec_table} SET level = ?, review = ? WHERE node_seq = ?`).run(
      BigInt(owner.level),
      owner.review,
      BigInt(owner.seq),
    );
  }
}

/** One bit per dimension, set where the component is positive; little-endian, padded to whole 32-bit words. */
export function signCode(vector: Float32Array): Buffer {
  const code = Buffer.alloc(Math.ceil(vector.length / 32) * 4);
  for (let d = 0; d < vector.length; d++) {
    if ((vector[d] ?? 0) > 0) code[d >>> 3] = (code[d >>> 3] ?? 0) | (1 << (d & 7));
  }
  return code;
}

export function removeVectors(db: Database, seq: number): void {
  sql(db, 'DELETE FROM vector_codes WHERE node_seq = ?').run(seq);
  for (const info of listModels(db)) {
    touch(db, info.model, seq);
    sql(db, `DELETE FROM ${info.vec_table} WHERE node_seq = ?`).run(BigInt(seq));
  }
}

/** Remove one model's vector of a node (an unmerge taking back a vector the keeper adopted). */
export function removeVector(db: Database, info: ModelInfo, seq: number): void {
  touch(db, info.model, seq);
  sql(db, 'DELETE FROM vector_codes WHERE model = ? AND node_seq = ?').run(info.model, seq);
  sql(db, `DELETE FROM ${info.vec_table} WHERE node_seq = ?`).run(BigInt(seq));
}

/**
 * Nodes whose vector or filter columns this connection changed, per model, so the in-memory code index can
 * re-read just those instead of reloading. Recorded even if the transaction later rolls back: a re-read then
 * finds the old state, which is still right.
 */
const touchedByDb = new WeakMap<Database, Map<string, Set<number>>>();

function touch(db: Database, model: string, seq: number): void {
  const byModel = memoEntry(touchedByDb, db, () => new Map<string, Set<number>>());
  memoEntry(byModel, model, () => new Set<number>()).add(seq);
}

/** The seqs touched for `model` since the last call. */
export function takeTouched(db: Database, model: string): number[] {
  const seqs = touchedByDb.get(db)?.get(model);
  if (!seqs || seqs.size === 0) return [];
  const out = [...seqs];
  seqs.clear();
  return out;
}

export function vectorCount(db: Database, info: ModelInfo): number {
  return (sql(db, `SELECT COUNT(*) AS c FROM ${info.vec_table}`).get() as { c: number }).c;
}
