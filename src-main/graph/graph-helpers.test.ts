import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';
import { normalizeName } from './normalize-name.ts';
import { fuseRanks, RRF_K } from './rank-fusion.ts';
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

describe('fuseRanks', () => {
  it('sums reciprocal ranks, so agreement between the lists wins', () => {
    const fused = fuseRanks(['a', 'b', 'c'], ['c', 'a', 'd'], 3);
    expect(fused.map((f) => f.id)).toEqual(['a', 'c', 'b']);
    expect(fused[0]).toMatchObject({ lexicalRank: 1, vectorRank: 2 });
    expect(fused[0]?.score).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2));
    expect(fuseRanks([], [], 5)).toEqual([]);
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
