import type { Database } from 'better-sqlite3';
import { NODE_KINDS, REVIEW_STATES } from '../model.ts';
import { blobToVector, signCode, vectorCount } from './embeddings.ts';
import type { ModelInfo } from './embeddings.ts';
import { sql } from './open-database.ts';

/**
 * Approximate kNN for large graphs: an in-memory table of one sign bit per dimension (48 bytes for 384
 * dimensions) scanned by Hamming distance, whose nearest candidates are then re-scored exactly by sqlite-vec.
 * A float32 scan of 76k × 384 vectors costs ~21 ms at best; the bit scan plus re-scoring a few hundred
 * candidates costs a few ms. Recall@10 against exact search is measured by bench/graph.ts.
 */

export interface CodeFilter {
  kinds?: readonly string[];
  level?: number;
  review?: readonly string[];
}

const FILTERED_OUT = 0xffff;

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const toWords = (code: Buffer): Uint32Array => {
  const words = new Uint32Array(code.length / 4);
  for (let w = 0; w < words.length; w++) words[w] = code.readUInt32LE(w * 4);
  return words;
};

type CodeRow = [seq: number, code: Buffer, kind: string, level: number, review: string];

const CODE_ROWS = `SELECT c.node_seq, c.code, n.kind, n.level, n.review FROM vector_codes c
  JOIN nodes n ON n.seq = c.node_seq WHERE c.model = ?`;

/** Past this share of changed entries a reload is cheaper than patching. */
const PATCH_LIMIT = 0.05;

export class BinaryCodeIndex {
  private readonly model: string;
  private readonly words: number;
  private size = 0;
  private seqs: Int32Array;
  private codes: Uint32Array;
  private kinds: Uint8Array;
  private levels: Int32Array;
  private reviews: Uint8Array;
  /** seq → slot; a patched node leaves its old slot dead (seq 0 never occurs: rowids start at 1). */
  private readonly slots = new Map<number, number>();

  private constructor(model: string, words: number, rows: CodeRow[]) {
    this.model = model;
    this.words = words;
    const capacity = Math.max(64, Math.ceil(rows.length * 1.1));
    this.seqs = new Int32Array(capacity);
    this.codes = new Uint32Array(capacity * words);
    this.kinds = new Uint8Array(capacity);
    this.levels = new Int32Array(capacity);
    this.reviews = new Uint8Array(capacity);
    for (const row of rows) this.append(row);
  }

  static load(db: Database, info: ModelInfo): BinaryCodeIndex {
    backfillCodes(db, info);
    const rows = sql(db, CODE_ROWS).raw().all(info.model) as CodeRow[];
    return new BinaryCodeIndex(info.model, Math.ceil(info.dimension / 32), rows);
  }

  /** Re-read the given nodes' codes and filter columns; false when so many changed that a reload is better. */
  patch(db: Database, seqs: readonly number[]): boolean {
    const dead = this.size - this.slots.size;
    if (seqs.length + dead > Math.max(100, this.slots.size * PATCH_LIMIT)) return false;
    const read = sql(db, `${CODE_ROWS} AND c.node_seq = ?`).raw();
    for (const seq of seqs) {
      const slot = this.slots.get(seq);
      if (slot !== undefined) {
        this.seqs[slot] = 0;
        this.slots.delete(seq);
      }
      const row = read.get(this.model, seq) as CodeRow | undefined;
      if (row) this.append(row);
    }
    return true;
  }

  private append([seq, code, kind, level, review]: CodeRow): void {
    if (this.size === this.seqs.length) this.grow();
    const slot = this.size++;
    this.seqs[slot] = seq;
    this.codes.set(toWords(code), slot * this.words);
    this.kinds[slot] = (NODE_KINDS as readonly string[]).indexOf(kind);
    this.levels[slot] = level;
    this.reviews[slot] = (REVIEW_STATES as readonly string[]).indexOf(review);
    this.slots.set(seq, slot);
  }

  private grow(): void {
    const capacity = this.seqs.length * 2;
    const grown = <T extends Int32Array | Uint32Array | Uint8Array>(
      old: T,
      make: (n: number) => T,
      width = 1,
    ): T => {
      const next = make(capacity * width);
      next.set(old);
      return next;
    };
    this.seqs = grown(this.seqs, (n) => new Int32Array(n));
    this.codes = grown(this.codes, (n) => new Uint32Array(n), this.words);
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.levels = grown(this.levels, (n) => new Int32Array(n));
    this.reviews = grown(this.reviews, (n) => new Uint8Array(n));
  }

  /** Up to `count` node seqs nearest to `query` in Hamming distance among those passing the filter. */
  nearest(query: Float32Array, count: number, filter: CodeFilter): number[] {
    const q = toWords(signCode(query));
    const kinds = filter.kinds?.map((k) => (NODE_KINDS as readonly string[]).indexOf(k));
    const reviews = filter.review?.map((r) => (REVIEW_STATES as readonly string[]).indexOf(r));
    const distances = new Uint16Array(this.size);
    const histogram = new Uint32Array(this.words * 32 + 1);
    for (let i = 0; i < this.size; i++) {
      const passes =
        this.seqs[i] !== 0 &&
        (!kinds || kinds.includes(this.kinds[i] ?? -1)) &&
        (filter.level === undefined || this.levels[i] === filter.level) &&
        (!reviews || reviews.includes(this.reviews[i] ?? -1));
      if (!passes) {
        distances[i] = FILTERED_OUT;
        continue;
      }
      let distance = 0;
      const offset = i * this.words;
      for (let w = 0; w < this.words; w++) distance += popcount((this.codes[offset + w] ?? 0) ^ (q[w] ?? 0));
      distances[i] = distance;
      histogram[distance] = (histogram[distance] ?? 0) + 1;
    }
    // The distance at which `count` candidates are reached, then everything closer plus ties up to `count`.
    let threshold = 0;
    for (let seen = 0; threshold < histogram.length; threshold++) {
      seen += histogram[threshold] ?? 0;
      if (seen >= count) break;
    }
    const closer: number[] = [];
    const ties: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const distance = distances[i] ?? FILTERED_OUT;
      if (distance < threshold) closer.push(this.seqs[i] ?? 0);
      else if (distance === threshold) ties.push(this.seqs[i] ?? 0);
    }
    return [...closer, ...ties].slice(0, count);
  }
}

/** Vectors stored before codes existed (schema v3) get theirs once, on the first approximate search. */
function backfillCodes(db: Database, info: ModelInfo): void {
  const codes = sql(db, 'SELECT COUNT(*) FROM vector_codes WHERE model = ?')
    .pluck()
    .get(info.model) as number;
  if (codes === vectorCount(db, info)) return;
  db.transaction(() => {
    sql(db, 'DELETE FROM vector_codes WHERE model = ?').run(info.model);
    const insert = sql(db, 'INSERT INTO vector_codes (model, node_seq, code) VALUES (?, ?, ?)');
    const rows = sql(db, `SELECT node_seq, embedding FROM ${info.vec_table}`).raw().all() as Array<
      [number, Buffer]
    >;
    for (const [seq, embedding] of rows) insert.run(info.model, seq, signCode(blobToVector(embedding)));
  }).immediate();
}
