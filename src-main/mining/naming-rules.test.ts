import { describe, expect, it } from 'vitest';
import {
  acronymsIn,
  authorMethodNames,
  authorMethodNamesUsed,
  checkNode,
  countSentences,
} from './naming-rules.ts';
import { NAMING_RULES, NAMING_RULES_TEXT } from '../graph/naming-rules.ts';
import { DESCRIPTION_SENTENCES, NAME_WORDS, namingProblems } from '../graph/seed/naming-rules.ts';
import { EXTRACTOR_SYSTEM, PARENT_SYSTEM } from './prompts.ts';

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

  it('bans only a coined method name of the title, never its ordinary or hyphenated words', () => {
    const lemma = 'LEMMA: Learning from Errors for MatheMatical Advancement in LLMs';
    expect(authorMethodNamesUsed('Mathematical reasoning in language models', lemma)).toEqual([]);
    expect(authorMethodNamesUsed('Error data for MatheMatical style training', lemma)).toEqual([
      'mathematical',
    ]);
    expect(authorMethodNamesUsed('Lemma style training on errors', lemma)).toEqual([]);
    expect(authorMethodNamesUsed('Training in the LEMMA way', lemma)).toEqual(['lemma']);
    const vl = 'VL-Rethinker: Incentivizing Self-Reflection of Vision-Language Models';
    expect(authorMethodNamesUsed('Weak self-reflection in vision-language models', vl)).toEqual([]);
    expect(authorMethodNamesUsed('Prompting like vl-rethinker for reflection', vl)).toEqual(['vl-rethinker']);
    const react = 'ReAct: Synergizing Reasoning and Acting in Language Models';
    expect(authorMethodNamesUsed('Interleaving reasoning traces with ReAct actions', react)).toEqual([
      'react',
    ]);
    expect(authorMethodNamesUsed('Agents that react to tool feedback', react)).toEqual([]);
    const tot = 'Deliberate Problem Solving with Large Language Models via Tree of Thoughts (ToT)';
    expect(authorMethodNamesUsed('Searching a ToT of partial solutions', tot)).toEqual(['tot']);
    const reflexion = 'Reflexion: Language Agents with Verbal Reinforcement Learning';
    expect(authorMethodNamesUsed('Agents improving by reflexion on failures', reflexion)).toEqual([
      'reflexion',
    ]);
    // Whole words only: "dilemma" is not "LEMMA".
    expect(authorMethodNamesUsed('The exploration dilemma in agents', lemma)).toEqual([]);
    expect(authorMethodNames('In-Context Learning Strategies Emerge Rationally')).toEqual([]);
  });

  it('tells acronyms and coined names from ordinary capitalised words', () => {
    expect(acronymsIn('Graph based RL for GPT-4 and LoRA in Transformers')).toEqual(['RL', 'GPT-4', 'LoRA']);
    expect(acronymsIn('Q-learning in 3D scenes')).toEqual([]);
    expect(acronymsIn('Vision-Language Models with Chain-of-Thought Fine-Tuning')).toEqual([]);
    expect(acronymsIn('VL-Rethinker and Re-ReST')).toEqual(['VL-Rethinker', 'Re-ReST']);
  });

  it('counts sentences without splitting at abbreviations or decimals', () => {
    expect(countSentences('It uses e.g. dropout of 0.5 rates. Then it stops.')).toBe(2);
    expect(countSentences('No full stop at the end')).toBe(1);
    expect(countSentences('')).toBe(0);
  });
});

describe('one set of naming rules for the miner and the seed checker (issue 16)', () => {
  it('holds a one-sentence challenge description to the same 2–3 sentences in both, and states it in the prompts', () => {
    const challenge = {
      kind: 'Challenge' as const,
      name: 'Catastrophic forgetting of earlier tasks during training',
      description: 'Updating weights for a new task overwrites what earlier tasks needed.',
    };
    expect(checkNode('Challenge', challenge).map((v) => v.message)).toEqual([
      'Challenge description must have 2–3 sentences, has 1',
    ]);
    expect(namingProblems(challenge)).toEqual([
      'description has 1 sentences, Challenge descriptions need 2-3',
    ]);
    for (const kind of ['Problem', 'Challenge', 'Solution'] as const) {
      expect(DESCRIPTION_SENTENCES[kind]).toBe(NAMING_RULES[kind].descriptionSentences);
      expect(NAME_WORDS[kind]).toBe(NAMING_RULES[kind].nameWords);
    }
    for (const prompt of [EXTRACTOR_SYSTEM, PARENT_SYSTEM]) expect(prompt).toContain(NAMING_RULES_TEXT);
    expect(NAMING_RULES_TEXT).toContain('Description: 2–3 sentences\n  on how the difficulty bears');
  });
});
