import { mulberry32 } from '../graph/seeded-random.ts';
import { dot, principalProjection, randomProjection } from './vector-projection.ts';

export { dot };

/**
 * In-memory nearest-neighbour search over unit vectors for merge and hierarchy candidates. Every node queries the
 * others, so a store round trip per query (~5 ms at 76k) would cost minutes; this keeps the vectors in one
 * Float32Array and partitions them with k-means (an inverted-file index, IVF): a query scans only the members of
 * the `probes` clusters whose centroids are nearest. Below `exactBelow` vectors every query scans everything
 * (exact). To keep the scan cheap, clustering and candidate scoring run on a projection to `projectedDimension`
 * dimensions, and the best candidates are then re-scored exactly on the full vectors. The projection is onto the
 * principal axes of a sample (PCA): sentence embeddings spend most of their energy in few directions, so 64 of
 * them keep a dot product far better than a random projection does (recall@5 0.9+ on real MiniLM vectors where
 * the random one got ~0.5, bench/mining.ts), and the part a projection drops is bounded per vector (its residual
 * norm), so a threshold search prunes only candidates that provably miss the threshold. The random projection of
 * issue 5 stays as an option so the benchmark can measure before against after. Deterministic for a seed. Nodes
 * can be switched off (`alive`), which the hierarchy algorithm's shrinking working set needs.
 */

export interface Neighbour {
  index: number;
  similarity: number;
}

export interface VectorIndexOptions {
  /** Clusters scanned per query (default 6). */
  probes?: number;
  /** Exact scan below this many vectors (default 4,000). */
  exactBelow?: number;
  /** Dimensions of the projection used for clustering and candidate scoring (default 64). */
  projectedDimension?: number;
  /** Candidates per requested neighbour re-scored on the full vectors (default 4, at least `minCandidates`). */
  rescoreFactor?: number;
  /** The fewest candidates re-scored on the full vectors (default 32). */
  minCandidates?: number;
  /**
   * A vector whose second-nearest centroid scores within this of its nearest is listed in both clusters (default
   * 0.1; 0 = never): neighbours across a boundary are found without probing more clusters for every query.
   */
  spill?: number;
  /** `pca` (default): principal axes of a sample; `random`: issue 5's sparse random projection, rows normalised. */
  projection?: 'pca' | 'random';
  seed?: number;
}

/** Issue 5's index, kept measurable: random projection, 4 probes, no spill, 32 candidates re-scored. */
export const RANDOM_PROJECTION_OPTIONS: VectorIndexOptions = {
  projection: 'random',
  spill: 0,
  probes: 4,
  rescoreFactor: 4,
  minCandidates: 32,
};

const DEFAULTS = { probes: 6, rescoreFactor: 4, minCandidates: 32, projectedDimension: 64, spill: 0.1 };

/** How close to the best centroid score a further cluster must be to get scanned beyond `probes`. */
const BOUNDARY_MARGIN = 0.05;

/** Random projection only: how far below a threshold a projected score may be and still get re-scored exactly. */
const PROJECTION_MARGIN = 0.15;

export class VectorIndex {
  readonly size: number;
  readonly dimension: number;
  readonly exact: boolean;
  readonly #data: Float32Array;
  readonly #alive: Uint8Array;
  readonly #probes: number;
  readonly #rescoreFactor: number;
  readonly #minCandidates: number;
  readonly #spill: number;
  #projected = new Float32Array(0);
  /** PCA: each vector's norm outside the projection (an exact bound on what the projected dot misses); else empty. */
  #residual = new Float32Array(0);
  #p = 0;
  #centroids = new Float32Array(0);
  #clusterScores = new Float64Array(0);
  #picked = new Int32Array(0);
  /** The inverted lists, concatenated: list c is entries starts[c] … starts[c + 1] − 1 of ids, rows, rowResidual. */
  #starts = new Int32Array(1);
  #ids = new Int32Array(0);
  #rows = new Float32Array(0);
  #rowResidual = new Float32Array(0);
  #clusterOf = new Int32Array(0);
  #seen = new Int32Array(0);
  #stamp = 0;

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
    this.#probes = options.probes ?? DEFAULTS.probes;
    this.#rescoreFactor = options.rescoreFactor ?? DEFAULTS.rescoreFactor;
    this.#minCandidates = options.minCandidates ?? DEFAULTS.minCandidates;
    this.#spill = options.spill ?? DEFAULTS.spill;
    this.exact = this.size < (options.exactBelow ?? 4_000);
    if (!this.exact) {
      const p = Math.min(this.dimension, options.projectedDimension ?? DEFAULTS.projectedDimension);
      const seed = options.seed ?? 1;
      const projection =
        options.projection === 'random'
          ? randomProjection(this.#data, this.dimension, p, seed)
          : principalProjection(this.#data, this.dimension, p, seed);
      this.#projected = projection.projected;
      this.#residual = projection.residual;
      this.#p = p;
      this.#build(seed);
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
    const residual = this.#residual;
    const pca = residual.length > 0;
    // With a threshold, candidates that cannot reach it are not re-scored. PCA: the projected dot plus the product
    // of the residual norms bounds the true cosine (Cauchy–Schwarz), so nothing at the threshold is lost. Random:
    // near the top the projection is tight (its error shrinks as similarity nears 1), so a margin loses nothing
    // above ~0.8.
    const floor = pca ? minSimilarity : minSimilarity - PROJECTION_MARGIN;
    const ri = pca ? (residual[i] as number) : 0;
    const candidates = new TopK(Math.max(this.#minCandidates, k * this.#rescoreFactor));
    const stamp = ++this.#stamp;
    for (const cluster of this.#nearestClusters(i, minSimilarity > -Infinity)) {
      const end = this.#starts[cluster + 1] as number;
      for (let e = this.#starts[cluster] as number; e < end; e++) {
        const j = this.#ids[e] as number;
        if (j === i || this.#alive[j] !== 1 || this.#seen[j] === stamp) continue;
        this.#seen[j] = stamp;
        // The list's rows are stored in list order: a scan reads memory in sequence instead of jumping per node.
        const approximate = dot(this.#rows, e * p, this.#projected, i * p, p);
        const rr = ri * (pca ? (this.#rowResidual[e] as number) : 0);
        if (approximate + rr >= floor) candidates.offer(j, approximate);
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
    const count = this.#starts.length - 1;
    const scores = this.#clusterScores;
    for (let c = 0; c < count; c++) {
      scores[c] =
        this.#starts[c] === this.#starts[c + 1]
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
    const secondOf = new Int32Array(n).fill(-1);
    const sizes = new Int32Array(count);
    const spill = this.#spill;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestScore = -Infinity;
      let second = -1;
      let secondScore = -Infinity;
      for (let c = 0; c < count; c++) {
        const score = dot(data, i * d, centroids, c * d, d);
        if (score > bestScore) {
          second = best;
          secondScore = bestScore;
          bestScore = score;
          best = c;
        } else if (score > secondScore) {
          secondScore = score;
          second = c;
        }
      }
      clusterOf[i] = best;
      sizes[best] = (sizes[best] ?? 0) + 1;
      if (spill > 0 && second >= 0 && secondScore >= bestScore - spill) {
        secondOf[i] = second;
        sizes[second] = (sizes[second] ?? 0) + 1;
      }
    }
    const starts = new Int32Array(count + 1);
    for (let c = 0; c < count; c++) starts[c + 1] = (starts[c] as number) + (sizes[c] as number);
    const total = starts[count] as number;
    const ids = new Int32Array(total);
    const rows = new Float32Array(total * d);
    const rowResidual = new Float32Array(this.#residual.length > 0 ? total : 0);
    const filled = starts.slice(0, count);
    const put = (c: number, i: number): void => {
      const e = filled[c] as number;
      filled[c] = e + 1;
      ids[e] = i;
      rows.set(data.subarray(i * d, (i + 1) * d), e * d);
      if (rowResidual.length > 0) rowResidual[e] = this.#residual[i] as number;
    };
    for (let i = 0; i < n; i++) {
      put(clusterOf[i] as number, i);
      if ((secondOf[i] as number) >= 0) put(secondOf[i] as number, i);
    }
    this.#seen = new Int32Array(n);
    this.#centroids = centroids;
    this.#clusterScores = new Float64Array(count);
    this.#picked = new Int32Array(this.#probes * 2 + 1);
    this.#starts = starts;
    this.#ids = ids;
    this.#rows = rows;
    this.#rowResidual = rowResidual;
    this.#clusterOf = clusterOf;
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
