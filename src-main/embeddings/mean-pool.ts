/**
 * Mean pooling over the unmasked tokens, then L2 normalisation: the sentence-transformers recipe, computed
 * exactly as transformers.js's `feature-extraction` pipeline does (`pooling: 'mean', normalize: true`), bit for
 * bit. The pipeline's own loop walks the hidden states column by column and converts every BigInt mask entry
 * to a Number inside its innermost loop: 6% of a seed-graph run's time. Here each unmasked token adds a
 * contiguous row; padded tokens, which the pipeline multiplies by 0, are skipped.
 *
 * @param hidden `[batch, tokens, dimension]` last hidden states, row-major
 * @param mask `[batch, tokens]` attention mask (1 = token, 0 = padding)
 */
export function meanPoolNormalised(
  hidden: Float32Array,
  mask: BigInt64Array,
  batch: number,
  tokens: number,
  dimension: number,
): Float32Array[] {
  const sums = new Float64Array(dimension);
  const vectors: Float32Array[] = [];
  for (let row = 0; row < batch; row++) {
    sums.fill(0);
    let count = 0;
    for (let token = 0; token < tokens; token++) {
      if (mask[row * tokens + token] === 0n) continue;
      count++;
      const offset = (row * tokens + token) * dimension;
      for (let k = 0; k < dimension; k++) sums[k] = (sums[k] ?? 0) + (hidden[offset + k] ?? 0);
    }
    const vector = new Float32Array(dimension);
    for (let k = 0; k < dimension; k++) vector[k] = (sums[k] ?? 0) / count;
    // transformers.js accumulates the squared norm in a Float32Array: rounded to float32 at every step.
    let squares = 0;
    for (const x of vector) squares = Math.fround(squares + x ** 2);
    const norm = Math.fround(squares ** 0.5); // not Math.sqrt: the pipeline uses `** (1 / 2)`
    for (let k = 0; k < dimension; k++) vector[k] = (vector[k] ?? 0) / norm;
    vectors.push(vector);
  }
  return vectors;
}
