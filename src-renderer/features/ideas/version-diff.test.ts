import { describe, expect, it } from 'vitest';
import { changeCount, diffTexts, ideaAsText } from './version-diff.ts';

describe('version diff', () => {
  it('marks the words added and removed between two versions, keeping the rest', () => {
    const parts = diffTexts('Use sparse attention on robots', 'Use dense attention on robots <b>now</b>');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['sparse']);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('Use dense attention on robots <b>now</b>');
    // (jsdiff keeps the whitespace next to a change with the new text)
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join('')
        .trim(),
    ).toBe('Use sparse attention on robots');
    expect(changeCount(parts)).toEqual({ added: 2, removed: 1 });
  });

  it('lays out every field of an idea in order', () => {
    const prose = ['title', 'motivation', 'related_work', 'abstract', 'risks'] as const;
    const text = ideaAsText({
      ...(Object.fromEntries(prose.map((field) => [field, `${field} text`])) as Record<
        (typeof prose)[number],
        string
      >),
      name: 'x_idea',
      method: ['one', 'two'],
      experiment_plan: { data: 'd', baselines: 'b', metrics: 'm', ablations: 'a' },
    });
    expect(text.split('\n\n').map((block) => block.split(':')[0])).toEqual([
      'Title',
      'Abstract',
      'Motivation',
      'Related work',
      'Method',
      'Data',
      'Baselines',
      'Metrics',
      'Ablations',
      'Risks',
    ]);
    expect(text).toContain('Method:\n1. one\n2. two');
  });
});
