import { describe, expect, it } from 'vitest';
import { acronymsIn, authorMethodNames, checkNode, countSentences } from './naming-rules.ts';

describe('naming rules', () => {
  it('accepts names and descriptions within the rules', () => {
    expect(
      checkNode('Problem', {
        name: 'Continual learning of neural networks',
        description: 'Training one model on a sequence of tasks.',
      }),
    ).toEqual([]);
  });

  it('names the rule a name or description breaks', () => {
    const violations = checkNode('Solution', {
      name: 'LoRA tuning',
      description: 'It tunes. It works. Fast. Very.',
    });
    expect(violations.map((v) => v.message)).toEqual([
      'Solution name must have 7–10 words, has 2',
      'Solution name must not contain acronyms or coined method names (LoRA)',
      'Solution description must have 2–3 sentences, has 4',
    ]);
  });

  it('refuses the authors\u2019 own method name taken from the title', () => {
    expect(authorMethodNames('MotivGraph-SoIQ: Socratic ideation')).toContain('motivgraph-soiq');
    const violations = checkNode(
      'Problem',
      { name: 'Motivgraph-soiq style idea generation', description: 'Making ideas.' },
      'MotivGraph-SoIQ: Socratic ideation',
    );
    expect(violations.map((v) => v.message)).toEqual([
      "Problem name must not use the authors' own method name (motivgraph-soiq)",
    ]);
  });

  it('tells acronyms and coined names from ordinary capitalised words', () => {
    expect(acronymsIn('Graph based RL for GPT-4 and LoRA in Transformers')).toEqual(['RL', 'GPT-4', 'LoRA']);
    expect(acronymsIn('Q-learning in 3D scenes')).toEqual([]);
  });

  it('counts sentences without splitting at abbreviations or decimals', () => {
    expect(countSentences('It uses e.g. dropout of 0.5 rates. Then it stops.')).toBe(2);
    expect(countSentences('No full stop at the end')).toBe(1);
    expect(countSentences('')).toBe(0);
  });
});
