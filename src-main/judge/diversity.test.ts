import { describe, expect, it } from 'vitest';
import { useLocalMinilm } from '../test-support/local-minilm.ts';
import type { JudgedIdea } from './direct-score.ts';
import { diversityOfVectors, ideaWords, settingDiversity } from './diversity.ts';
import { testIdea } from './test-ideas.ts';

const model = useLocalMinilm();

const unit = (...xs: number[]): Float32Array => {
  const norm = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / norm));
};

function ideaAbout(id: string, topic: string, title: string, abstract: string): JudgedIdea {
  const base = testIdea(id, topic);
  return { ...base, id, idea: { ...base.idea, title, abstract } };
}

describe('diversity and length', () => {
  it('is 1 − the mean pairwise cosine, checked by hand', () => {
    // Pairs: (x, y) cos 0, (x, d) cos 1/√2, (y, d) cos 1/√2 → mean √2/3.
    const x = unit(1, 0);
    const y = unit(0, 1);
    const d = unit(1, 1);
    expect(diversityOfVectors([x, y, d])).toBeCloseTo(1 - Math.SQRT2 / 3, 6);
    expect(diversityOfVectors([x, x])).toBeCloseTo(0, 6);
    expect(diversityOfVectors([x, unit(-1, 0)])).toBeCloseTo(2, 6);
    expect(diversityOfVectors([x])).toBeNull();
    expect(diversityOfVectors([])).toBeNull();
  });

  it('averages over topics, leaves out a topic with one idea, and counts words in every field', async () => {
    const vectors = new Map([
      ['a', unit(1, 0)],
      ['b', unit(0, 1)],
      ['c', unit(1, 0)],
      ['d', unit(1, 0)],
      ['e', unit(0, 1)],
    ]);
    const byTitle = {
      embed: async (texts: readonly string[]) => texts.map((t) => vectors.get(t[0] ?? '') as Float32Array),
    };
    const ideas = new Map([
      [
        'T1',
        [
          ideaAbout('a', 'T1', 'a title', 'abstract one two'),
          ideaAbout('b', 'T1', 'b title', 'abstract x y'),
        ],
      ],
      [
        'T2',
        [ideaAbout('c', 'T2', 'c title', 'abstract z w'), ideaAbout('d', 'T2', 'd title', 'abstract q r')],
      ],
      ['T3', [ideaAbout('e', 'T3', 'e title', 'abstract alone here')]],
    ]);
    const result = await settingDiversity(byTitle, ideas);
    // T1: 1 − 0 = 1; T2: 1 − 1 = 0; T3 has no pair.
    expect(result.diversity).toBeCloseTo(0.5, 6);
    expect(result.perTopic.map((t) => [t.topic, t.ideas, t.diversity])).toEqual([
      ['T1', 2, 1],
      ['T2', 2, expect.closeTo(0, 6)],
      ['T3', 1, null],
    ]);
    const all = [...ideas.values()].flat();
    expect(result.meanLength).toBeCloseTo(all.reduce((n, i) => n + ideaWords(i), 0) / all.length, 6);
    const counted: JudgedIdea = {
      id: 'w',
      topic: 'T',
      idea: {
        name: 'word_count',
        title: 'Two words',
        motivation: 'three  words\nhere',
        related_work: 'one',
        abstract: 'four words in abstract',
        method: ['a b', 'c'],
        experiment_plan: { data: 'd', baselines: 'e f', metrics: 'g', ablations: 'h' },
        risks: 'last one',
      },
    };
    // 2 + 3 + 1 + 4 + (2 + 1) + (1 + 2 + 1 + 1) + 2; the snake_case name is not prose.
    expect(ideaWords(counted)).toBe(20);
  });

  it('scores paraphrased ideas lower than unrelated ones on the real MiniLM', async () => {
    const topic = 'efficient reasoning in language models';
    const paraphrased = [
      ideaAbout(
        'p1',
        topic,
        'Stopping overthinking in reasoning models',
        'We teach reasoning models to stop generating redundant thinking steps once the answer is settled.',
      ),
      ideaAbout(
        'p2',
        topic,
        'Cutting redundant steps from long reasoning chains',
        'Long chains of thought repeat themselves; we prune the redundant reasoning steps after the answer is found.',
      ),
      ideaAbout(
        'p3',
        topic,
        'Early exit for chain-of-thought reasoning',
        'A model learns to end its chain of thought early when further reasoning steps add nothing to the answer.',
      ),
    ];
    const unrelated = [
      ideaAbout(
        'u1',
        topic,
        'Stopping overthinking in reasoning models',
        'We teach reasoning models to stop generating redundant thinking steps once the answer is settled.',
      ),
      ideaAbout(
        'u2',
        topic,
        'Crop yield prediction from satellite images',
        'Multispectral satellite images of farmland predict the harvest weeks before it happens.',
      ),
      ideaAbout(
        'u3',
        topic,
        'Protein folding with diffusion models',
        'A diffusion model generates protein backbones conditioned on a binding site.',
      ),
    ];
    const close = await settingDiversity(model(), new Map([[topic, paraphrased]]));
    const far = await settingDiversity(model(), new Map([[topic, unrelated]]));
    expect(close.diversity).not.toBeNull();
    expect(far.diversity).not.toBeNull();
    expect(far.diversity as number).toBeGreaterThan((close.diversity as number) + 0.2);
    expect(close.diversity as number).toBeGreaterThan(0);
    expect(far.diversity as number).toBeLessThan(1.5);
  });
});
