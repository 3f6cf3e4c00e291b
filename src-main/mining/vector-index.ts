import { mulberry32 } from '../graph/seeded-random.ts';

/**
 * In-memory nearest-neighbour search over unit vectors for merge and hierarchy candidates. Every node queries the
 * others, so a store round trip per query (~5 ms at 76k) would cost minutes; this keeps the vectors in one
 * Float32Array and partitions them with k-means (an inverted-file index, IVF): a query scans only the members of
 * the `probes` clusters whose centroids are nearest. Below `exactBelow` vectors every query scans everything
 * (exact). To keep the scan cheap, clustering and candidate scoring run on a seeded sparse random projection to
 * `projectedDimension` dimensions (Johnson–Lindenstrauss: cosines are roughly kept); the best candidates are then
 * re-scored exactly on the full vectors. Deterministic for a seed. Nodes can be switched off (`alive`), which the
 * hierarchy algorithm's shrinking working set needs.
 */

export interface Neighbour {
  index: number;
  similarity: number;
}

export interface VectorIndexOptions {
  /** Clusters scanned per query (default 4). */
  probes?: number;
  /** Exact scan below this many vectors (default 4,000). */
  exactBelow?: number;
  /** Dimensions of the projection used for clustering and candidate scoring (default 64). */
  projectedDimension?: number;
  /** Candidates per requested neighbour re-scored on the full vectors (default 4, at least 32 in all). */
  rescoreFactor?: number;
  seed?: number;
}

/** How close to the best centroid score a further cluster must be to get scanned beyond `probes`. */
const BOUNDARY_MARGIN = 0.05;

/** How far below a threshold a projected score may be and still get re-scored exactly. */
const PROJECTION_MARGIN = 0.15;

export function dot(a: Float32Array, aOff: number, b: Float32Array, bOff: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < d; i += 4) {
    s0 += (a[aOff + i] as number) * (b[bOff + i] as number);
    s1 += (a[aOff + i + 1] as number) * (b[bOff + i + 1] as number);
    s2 += (a[aOff + i + 2] as number) * (b[bOff + i + 2] as number);
    s3 += (a[aOff + i + 3] as number) * (b[bOff + i + 3] as number);
  }
  for (; i < d; i++) s0 += (a[aOff + i] as number) * (b[bOff + i] as number);
  return s0 + s1 + s2 + s3;
}

export class VectorIndex {
  readonly size: number;
  readonly dimension: number;
  readonly exact: boolean;
  readonly #data: Float32Array;
  readonly #alive: Uint8Array;
  readonly #probes: number;
  readonly #rescoreFactor: number;
  #projected = new Float32Array(0);
  #p = 0;
  #centroids = new Float32Array(0);
  #clusterScores = new Float64Array(0);
  #picked = new Int32Array(0);
  #lists: Int32Array[] = [];
  #clusterOf = new Int32Array(0);

  constructor(vectors: readonly Float32Array[], options: VectorIndexOptions = {}) {
    this.size = vectors.length;
    this.dimension = vectors[0]?.length ?? 0;
    this.#data = new Float32Array(this.size * this.dimension);
    vectors.forEach((v, i) => {
      if (v.length !== this.dimension) {
        throw new RangeError(`vector ${i} has ${v.length} dimensions, expected ${this.dimension}`);
      }
      this.#data.set(v, i * this.dimension);
    });
    this.#alive = new Uint8Array(this.size).fill(1);
    this.#probes = options.probes ?? 4;
    this.#rescoreFactor = options.rescoreFactor ?? 4;
    this.exact = this.size < (options.exactBelow ?? 4_000);
    if (!this.exact) {
      this.#project(Math.min(this.dimension, options.projectedDimension ?? 64), options.seed ?? 1);
      this.#build(options.seed ?? 1);
    }
  }

  isAlive(i: number): boolean {
    return this.#alive[i] === 1;
  }

  remove(i: number): void {
    this.#alive[i] = 0;
  }

  similarity(i: number, j: number): number {
    const d = this.dimension;
    return dot(this.#data, i * d, this.#data, j * d, d);
  }

  /** The `k` most similar live vectors to vector `i` (itself excluded), most similar first. */
  neighbours(i: number, k: number, minSimilarity = -Infinity): Neighbour[] {
    if (this.exact) {
      const best = new TopK(k);
      for (let j = 0; j < this.size; j++) {
        if (j === i || this.#alive[j] !== 1) continue;
        const similarity = this.similarity(i, j);
        if (similarity >= minSimilarity) best.offer(j, similarity);
      }
      return best.items();
    }
    const p = this.#p;
    // With a threshold, candidates far below it in the projection are not re-scored. Near the top the projection
    // is tight (its error shrinks as similarity nears 1), so the margin loses nothing above ~0.8.
    const floor = minSimilarity - PROJECTION_MARGIN;
    const candidates = new TopK(Math.max(32, k * this.#rescoreFactor));
    for (const cluster of this.#nearestClusters(i, minSimilarity > -Infinity)) {
      for (const j of this.#lists[cluster] as Int32Array) {
        if (j === i || this.#alive[j] !== 1) continue;
        const approximate = dot(this.#projected, i * p, this.#projected, j * p, p);
        if (approximate >= floor) candidates.offer(j, approximate);
      }
    }
    const best = new TopK(k);
    for (const c of candidates.items()) {
      const similarity = this.similarity(i, c.index);
      if (similarity >= minSimilarity) best.offer(c.index, similarity);
    }
    return best.items();
  }

  /** The clusters to scan: the nearest by centroid, plus the vector's own. No allocation per call. */
  #nearestClusters(i: number, boundaries: boolean): Int32Array {
    const d = this.#p;
    const count = this.#lists.length;
    const scores = this.#clusterScores;
    for (let c = 0; c < count; c++) {
      scores[c] =
        (this.#lists[c] as Int32Array).length === 0
          ? -Infinity
          : dot(this.#projected, i * d, this.#centroids, c * d, d);
    }
    const picked = this.#picked;
    let n = 0;
    let top = -Infinity;
    // The `probes` best clusters; for a threshold search (merging) up to as many more that score almost as well
    // as the best, so a near-duplicate sitting on a cluster boundary is still found.
    const rounds = Math.min(boundaries ? this.#probes * 2 : this.#probes, count);
    for (let round = 0; round < rounds; round++) {
      let best = -1;
      for (let c = 0; c < count; c++) {
        if (scores[c] !== -Infinity && (best < 0 || (scores[c] as number) > (scores[best] as number)))
          best = c;
      }
      if (best < 0) break;
      const score = scores[best] as number;
      if (round === 0) top = score;
      if (round >= this.#probes && score < top - BOUNDARY_MARGIN) break;
      picked[n++] = best;
      scores[best] = -Infinity;
    }
    // A vector's own cluster is always scanned, even when a centroid drifted away from it.
    const own = this.#clusterOf[i] as number;
    if (!picked.subarray(0, n).includes(own)) picked[n++] = own;
    return picked.subarray(0, n);
  }

  /** k-means (a few Lloyd rounds on a sample), then every vector goes to its nearest centroid. */
  #build(seed: number): void {
    const d = this.#p;
    const data = this.#projected;
    const n = this.size;
    const count = Math.max(1, Math.round(Math.sqrt(n)));
    const random = mulberry32(seed);
    const sampleSize = Math.min(n, count * 24);
    const sample = Array.from({ length: sampleSize }, () => Math.floor(random() * n));
    const centroids = new Float32Array(count * d);
    for (let c = 0; c < count; c++) {
      const from = (sample[Math.floor(random() * sampleSize)] as number) * d;
      centroids.set(data.subarray(from, from + d), c * d);
    }
    const nearest = (offset: number, source: Float32Array): number => {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < count; c++) {
        const score = dot(source, offset, centroids, c * d, d);
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      return best;
    };
    for (let round = 0; round < 4; round++) {
      const sums = new Float64Array(count * d);
      const sizes = new Int32Array(count);
      for (const i of sample) {
        const c = nearest(i * d, data);
        sizes[c] = (sizes[c] ?? 0) + 1;
        for (let x = 0; x < d; x++) sums[c * d + x] = (sums[c * d + x] ?? 0) + (data[i * d + x] as number);
      }
      for (let c = 0; c < count; c++) {
        if (sizes[c] === 0) continue; // an empty cluster keeps its old centroid
        let norm = 0;
        for (let x = 0; x < d; x++) norm += (sums[c * d + x] as number) ** 2;
        const scale = 1 / (Math.sqrt(norm) || 1);
        for (let x = 0; x < d; x++) centroids[c * d + x] = (sums[c * d + x] as number) * scale;
      }
    }
    const clusterOf = new Int32Array(n);
    const sizes = new Int32Array(count);
    for (let i = 0; i < n; i++) {
      const c = nearest(i * d, data);
      clusterOf[i] = c;
      sizes[c] = (sizes[c] ?? 0) + 1;
    }
    const lists = Array.from({ length: count }, (_, c) => new Int32Array(sizes[c] ?? 0));
    const filled = new Int32Array(count);
    for (let i = 0; i < n; i++) {
      const c = clusterOf[i] as number;
      (lists[c] as Int32Array)[filled[c] ?? 0] = i;
      filled[c] = (filled[c] ?? 0) + 1;
    }
    this.#centroids = centroids;
    this.#clusterScores = new Float64Array(count);
    this.#picked = new Int32Array(this.#probes * 2 + 1);
    this.#lists = lists;
    this.#clusterOf = clusterOf;
  }

  /**
   * Sparse random projection (Achlioptas: each entry +1 or −1 with probability 1/6, else 0), rows normalised
   * afterwards so dot products stay cosines. Only additions: three times cheaper than a dense Gaussian one.
   */
  #project(p: number, seed: number): void {
    const d = this.dimension;
    const random = mulberry32(seed ^ 0x5bd1e995);
    const plus: Int32Array[] = [];
    const minus: Int32Array[] = [];
    for (let r = 0; r < p; r++) {
      const up: number[] = [];
      const down: number[] = [];
      for (let x = 0; x < d; x++) {
        const u = random();
        if (u < 1 / 6) up.push(x);
        else if (u < 1 / 3) down.push(x);
      }
      plus.push(Int32Array.from(up));
      minus.push(Int32Array.from(down));
    }
    const out = new Float32Array(this.size * p);
    const data = this.#data;
    for (let i = 0; i < this.size; i++) {
      const base = i * d;
      let norm = 0;
      for (let r = 0; r < p; r++) {
        let value = 0;
        for (const x of plus[r] as Int32Array) value += data[base + x] as number;
        for (const x of minus[r] as Int32Array) value -= data[base + x] as number;
        out[i * p + r] = value;
        norm += value * value;
      }
      const scale = 1 / (Math.sqrt(norm) || 1);
      for (let r = 0; r < p; r++) out[i * p + r] = (out[i * p + r] as number) * scale;
    }
    this.#projected = out;
    this.#p = p;
  }
}

/** The k best (index, similarity) pairs seen, kept sorted in typed arrays (no allocation per offer). */
class TopK {
  readonly #k: number;
  readonly #index: Int32Array;
  readonly #score: Float64Array;
  #size = 0;

  constructor(k: number) {
    this.#k = k;
    this.#index = new Int32Array(k);
    this.#score = new Float64Array(k);
  }

  offer(index: number, similarity: number): void {
    const k = this.#k;
    if (this.#size === k && similarity <= (this.#score[k - 1] as number)) return;
    let at = this.#size < k ? this.#size++ : k - 1;
    while (at > 0 && (this.#score[at - 1] as number) < similarity) {
      this.#score[at] = this.#score[at - 1] as number;
      this.#index[at] = this.#index[at - 1] as number;
      at--;
    }
    this.#score[at] = similarity;
    this.#index[at] = index;
  }

  items(): Neighbour[] {
    return Array.from({ length: this.#size }, (_, i) => ({
      index: this.#index[i] as number,
      similarity: this.#score[i] as number,
    }));
  }
}
