import { describe, expect, it } from 'vitest';
import { meanPoolNormalised } from './mean-pool.ts';

describe('mean pooling with normalisation', () => {
  it('averages only the unmasked tokens of each row, then scales to unit length', () => {
    // Two rows, three token slots, dimension 2; the second row's last slot is padding (a huge value that must
    // not leak into the mean).
    const hidden = Float32Array.from([3, 0, 1, 4, 2, 2, 0, 6, 0, 2, 1e6, -1e6]);
    const mask = BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 0n]);
    const [first, second] = meanPoolNormalised(hidden, mask, 2, 3, 2);
    // Row 1: mean (2, 2) → (0.7071, 0.7071). Row 2: mean (0, 4) → (0, 1).
    expect([...(first ?? [])].map((x) => x.toFixed(4))).toEqual(['0.7071', '0.7071']);
    expect([...(second ?? [])]).toEqual([0, 1]);
  });
});
