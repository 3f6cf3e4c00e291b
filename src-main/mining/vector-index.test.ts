import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../graph/seeded-random.ts';
import { normalise } from './lexical-vectors.ts';
import { findMergeCandidates, planMerges } from './merge-candidates.ts';
import { addParentNodes } from './parent-addition.ts';
import { VectorIndex } from './vector-index.ts';

/** 20 clusters of 100 unit vectors, plus a near-copy of every 50th vector appended at the end. */
function clustered(): { vectors: Float32Array[]; planted: Array<[number, number]> } {
  const next = mulberry32(3);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const centres = Array.from({ length: 20 }, () => normalise(Float32Array.from({ length: 16 }, gaussian)));
  const vectors = Array.from({ length: 2_000 }, (_, i) =>
    normalise((centres[i % 20] as Float32Array).map((x) => x + gaussian() * 0.1)),
  );
  const planted: Array<[number, number]> = [];
  for (let i = 0; i < 2_000; i += 50) {
    planted.push([i, vectors.length]);
    vectors.push(normalise((vectors[i] as Float32Array).map((x) => x + gaussian() * 0.01)));
  }
  return { vectors, planted };
}

describe('vector index and candidate search', () => {
  it('finds every planted near-duplicate with the clustered index, as the exact scan does', () => {
    const { vectors, planted } = clustered();
    const approximate = new VectorIndex(vectors, { exactBelow: 500, projectedDimension: 8 });
    expect(approximate.exact).toBe(false);
    const pairs = (index: VectorIndex) =>
      findMergeCandidates(index, 0.995)
        .map((p) => `${p.keep}:${p.drop}`)
        .sort();
    const found = pairs(approximate);
    expect(found).toEqual(planted.map(([a, b]) => `${a}:${b}`).sort());
    expect(found).toEqual(pairs(new VectorIndex(vectors, { exactBelow: Infinity })));
  });

  it('never chains merges: a node that absorbed another is not dropped into a third', () => {
    const plan = planMerges([
      { keep: 0, drop: 1, similarity: 0.99 },
      { keep: 1, drop: 2, similarity: 0.98 },
      { keep: 0, drop: 2, similarity: 0.97 },
      { keep: 3, drop: 0, similarity: 0.96 },
    ]);
    expect(plan.map((p) => `${p.keep}:${p.drop}`)).toEqual(['0:1', '0:2']);
  });

  it('shrinks the working set: grouped nodes and incoherent focal nodes leave it', async () => {
    const a = normalise(Float32Array.from([1, 0, 0]));
    const b = normalise(Float32Array.from([0.9, 0.1, 0]));
    const c = normalise(Float32Array.from([0, 0, 1]));
    const d = normalise(Float32Array.from([0, 0.1, 0.9]));
    const index = new VectorIndex([a, b, c, d]);
    const asked: number[][] = [];
    const result = await addParentNodes(index, [0, 1, 2, 3], 1, async (focal, neighbours) => {
      asked.push([focal, ...neighbours.map((n) => n.index)]);
      return { coherent: focal === 0, name: 'parent', description: '', members: [] };
    });
    // 0 groups with its nearest (1); 2 is judged incoherent and leaves alone; 3 then has nobody left.
    expect(asked).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(result.groups.map((g) => g.members)).toEqual([[0, 1]]);
    expect(result).toMatchObject({ judged: 2, alone: 1 });
  });
});
