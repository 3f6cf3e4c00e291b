import { mulberry32 } from '../graph/seeded-random.ts';

/**
 * The projections the vector index clusters and scores candidates in (vector-index.ts): onto the principal axes of
 * a sample (PCA, with each vector's residual norm), or issue 5's sparse random projection. Pure; deterministic for
 * a seed.
 */

export interface Projection {
  /** n rows of p values. */
  projected: Float32Array<ArrayBuffer>;
  /** PCA: each vector's norm outside the projection (bounds what the projected dot misses); random: empty. */
  residual: Float32Array<ArrayBuffer>;
}

/** Vectors sampled for the principal axes, and the power iterations that find them. */
const PCA_SAMPLE = 2_048;
const PCA_ITERATIONS = 8;

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

function dot64(
  a: Float64Array,
  aOff: number,
  b: Float64Array | Float32Array,
  bOff: number,
  d: number,
): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += (a[aOff + i] as number) * (b[bOff + i] as number);
  return s;
}

/** Gram–Schmidt over the `p` rows of length `d`, in place; a row that vanishes is left at zero. */
function orthonormalise(rows: Float64Array, p: number, d: number): void {
  for (let r = 0; r < p; r++) {
    for (let q = 0; q < r; q++) {
      const overlap = dot64(rows, r * d, rows, q * d, d);
      for (let x = 0; x < d; x++)
        rows[r * d + x] = (rows[r * d + x] as number) - overlap * (rows[q * d + x] as number);
    }
    const norm = Math.sqrt(dot64(rows, r * d, rows, r * d, d)) || 1;
    for (let x = 0; x < d; x++) rows[r * d + x] = (rows[r * d + x] as number) / norm;
  }
}

/**
 * The principal axes of the vectors (eigenvectors of their second-moment matrix, which is what a dot product
 * sees), from a seeded sample: the moment matrix once, then block power iteration with Gram–Schmidt. `p` rows of
 * `d`, orthonormal; they span the top-`p` subspace closely enough after a few rounds, the order does not matter.
 */
function principalAxes(data: Float32Array, d: number, p: number, seed: number): Float32Array {
  const size = data.length / d;
  const random = mulberry32(seed ^ 0x2f6b3c1d);
  const moment = new Float64Array(d * d);
  const samples = Math.min(size, PCA_SAMPLE);
  for (let s = 0; s < samples; s++) {
    const base = Math.floor(random() * size) * d;
    for (let a = 0; a < d; a++) {
      const xa = data[base + a] as number;
      for (let b = a; b < d; b++)
        moment[a * d + b] = (moment[a * d + b] as number) + xa * (data[base + b] as number);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) moment[a * d + b] = moment[b * d + a] as number;
  let axes = Float64Array.from({ length: p * d }, () => random() - 0.5);
  orthonormalise(axes, p, d);
  for (let round = 0; round < PCA_ITERATIONS; round++) {
    const next = new Float64Array(p * d);
    for (let r = 0; r < p; r++) {
      for (let a = 0; a < d; a++) next[r * d + a] = dot64(moment, a * d, axes, r * d, d);
    }
    orthonormalise(next, p, d);
    axes = next;
  }
  return Float32Array.from(axes);
}

/**
 * Every vector onto the principal axes (not renormalised: the projected dot estimates the cosine), with the norm
 * of what the projection leaves out.
 */
export function principalProjection(data: Float32Array, d: number, p: number, seed: number): Projection {
  const axes = principalAxes(data, d, p, seed);
  const size = data.length / d;
  const out = new Float32Array(size * p);
  const residual = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let kept = 0;
    for (let r = 0; r < p; r++) {
      const value = dot(axes, r * d, data, i * d, d);
      out[i * p + r] = value;
      kept += value * value;
    }
    const total = dot(data, i * d, data, i * d, d);
    residual[i] = Math.sqrt(Math.max(0, total - kept));
  }
  return { projected: out, residual };
}

/**
 * Sparse random projection (Achlioptas: each entry +1 or −1 with probability 1/6, else 0), rows normalised
 * afterwards so dot products stay cosines. Only additions: three times cheaper than a dense Gaussian one.
 */
export function randomProjection(data: Float32Array, d: number, p: number, seed: number): Projection {
  const size = data.length / d;
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
  const out = new Float32Array(size * p);
  for (let i = 0; i < size; i++) {
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
  return { projected: out, residual: new Float32Array(0) };
}
