import { describe, expect, it } from 'vitest';
import { readSeedData } from '../graph/seed/read-seed.ts';
import { SEED_PARAPHRASES, sharedContentWords } from './seed-paraphrases.ts';

describe('the labelled paraphrase set over the seed graph', () => {
  it('has at least 40 queries, each naming a distinct seed node and sharing no content word with its name', () => {
    const names = new Set(readSeedData().graph.nodes.map((node) => node.name));
    expect(SEED_PARAPHRASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SEED_PARAPHRASES.map((q) => q.target)).size).toBe(SEED_PARAPHRASES.length);
    for (const { query, target } of SEED_PARAPHRASES) {
      expect(names.has(target), target).toBe(true);
      expect(sharedContentWords(query, target), `${query} → ${target}`).toEqual([]);
    }
  });

  it('the overlap check catches shared words and their inflections', () => {
    expect(sharedContentWords('stop reasoning models', 'Reasoning model length')).toEqual([
      'reasoning',
      'models',
    ]);
    expect(sharedContentWords('the photo of it', 'An image')).toEqual([]);
  });
});
