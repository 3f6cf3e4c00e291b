import { createHash } from 'node:crypto';

/**
 * Deterministic unit vectors from hashes of the text. Each word contributes a pseudo-random vector seeded by its
 * sha256, so texts sharing words are closer than unrelated ones: enough for vector search tests to mean something.
 */

function seededValues(seedText: string, dimensions: number): Float64Array {
  const digest = createHash('sha256').update(seedText).digest();
  // xorshift32 seeded from the digest: cheap, stable across platforms.
  let state = digest.readUInt32LE(0) || 0x9e3779b9;
  const out = new Float64Array(dimensions);
  for (let i = 0; i < dimensions; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state / 0xffffffff - 0.5;
  }
  return out;
}

export function embedText(text: string, dimensions: number): number[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const sum = new Float64Array(dimensions);
  const sources = words.length > 0 ? words : [text];
  for (const word of sources) {
    const values = seededValues(word, dimensions);
    for (let i = 0; i < dimensions; i++) sum[i] = (sum[i] ?? 0) + (values[i] ?? 0);
  }
  let norm = 0;
  for (const v of sum) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return Array.from(sum, (v) => v / norm);
}
