import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';
import { normalizeName } from './normalize-name.ts';
import { fuseScores, LEXICAL_RANK_K, LEXICAL_WEIGHT, SEMANTIC_MARGIN } from './rank-fusion.ts';
import { seededSample } from './seeded-random.ts';

describe('normalizeName', () => {
  it('folds case, Unicode form, spacing and a trailing full stop, and keeps everything else', () => {
    expect(normalizeName('  Catastrophic\t\nFORGETTING. ')).toBe('catastrophic forgetting');
    expect(normalizeName('ｆｕｌｌ-width')).toBe('full-width');
    expect(normalizeName('Café')).toBe(normalizeName('Cafe\u0301'));
    expect(normalizeName('`x` "y" \'z\'')).toBe('`x` "y" \'z\'');
    expect(normalizeName('...')).toBe('');
  });
});

describe('seededSample', () => {
  it('draws distinct in-range indices, the same for the same seed', () => {
    const a = seededSample(1000, 20, 42);
    expect(a).toEqual(seededSample(1000, 20, 42));
    expect(new Set(a).size).toBe(20);
    expect(a.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(seededSample(1000, 20, 43)).not.toEqual(a);
    expect(seededSample(3, 10, 1).sort()).toEqual([0, 1, 2]);
    expect(seededSample(0, 5, 1)).toEqual([]);
  });
});

describe('fuseScores', () => {
  const bonus = (rank: number): number => (LEXICAL_WEIGHT * LEXICAL_RANK_K) / (LEXICAL_RANK_K + rank - 1);

  it('lets lexical hits reorder semantically close candidates, not push them out with noise', () => {
    const vector = [
      { id: 'a', score: 0.6 },
      { id: 'b', score: 0.58 },
      { id: 'c', score: 0.4 },
    ];
    // 'b' is close to the best and first lexically: it overtakes 'a'. 'noise' is second lexically, but its
    // cosine is far below the best: it keeps its cosine and cannot push 'c' out.
    const fused = fuseScores(
      { vector, lexicalIds: ['b', 'noise', 'c'], cosineOf: new Map([['noise', 0.2]]) },
      3,
    );
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]).toMatchObject({ lexicalRank: 1, vectorRank: 2 });
    expect(fused[0]?.score).toBeCloseTo(0.58 + bonus(1));
    expect(fused[2]).toMatchObject({ id: 'c', score: 0.4, lexicalRank: 3, vectorRank: 3 });
    expect(fuseScores({ vector: [], lexicalIds: [], cosineOf: new Map() }, 5)).toEqual([]);
  });

  it('puts a lexical hit without a vector at the margin edge, so it still surfaces below the semantic best', () => {
    const vector = [
      { id: 'a', score: 0.7 },
      { id: 'b', score: 0.5 },
    ];
    const fused = fuseScores({ vector, lexicalIds: ['b', 'new'], cosineOf: new Map([['new', null]]) }, 3);
    expect(fused.map((f) => f.id)).toEqual(['a', 'new', 'b']);
    expect(fused[1]?.score).toBeCloseTo(0.7 - SEMANTIC_MARGIN + bonus(2));
    // 'b' is below the margin: first lexically, but no bonus.
    expect(fused[2]?.score).toBeCloseTo(0.5);
    // Nothing embedded at all: the lexical order decides.
    const none = new Map([
      ['x', null],
      ['y', null],
    ]);
    expect(fuseScores({ vector: [], lexicalIds: ['x', 'y'], cosineOf: none }, 5).map((f) => f.id)).toEqual([
      'x',
      'y',
    ]);
  });
});

describe('newId', () => {
  it('is a time-ordered UUIDv7', () => {
    const ids = Array.from({ length: 50 }, newId);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millis = ids.map((id) => id.slice(0, 13)); // the 48-bit timestamp
    expect([...millis].sort()).toEqual(millis);
  });

  it('sorts in creation order even within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, newId);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
