import { describe, expect, it } from 'vitest';
import json from '../../../resources/planning-methods.json';
import { DatasetSchema } from './dataset-schema.ts';
import { buildEntries, toSearchDoc } from './entries.ts';
import { createSearchIndex, tokenize } from './search.ts';

const dataset = DatasetSchema.parse(json);
const entries = buildEntries(dataset.methods, [], dataset.performanceTables);
const index = createSearchIndex(entries.map((e) => toSearchDoc(e)));

describe('tokenize', () => {
  it('lowercases, strips accents and splits on punctuation', () => {
    expect(tokenize('LangSuit·E: Tree-of-Thoughts (ToT), café')).toEqual([
      'langsuit',
      'e',
      'tree',
      'of',
      'thoughts',
      'tot',
      'cafe',
    ]);
  });
});

describe('search index', () => {
  const docs = [
    { id: 'a', name: 'Tree of Thoughts', title: 'Deliberate problem solving', text: 'search over thoughts' },
    { id: 'b', name: 'ReAct', title: 'Synergizing reasoning and acting', text: 'tree search is not used' },
    { id: 'c', name: 'MCTS planner', title: null, text: 'Monte Carlo tree search' },
  ];
  const small = createSearchIndex(docs);

  it('returns every document in order for an empty query', () => {
    expect(small.search('  ')).toEqual(['a', 'b', 'c']);
  });

  it('ANDs query tokens and matches prefixes', () => {
    expect(small.search('tre sea').sort()).toEqual(['a', 'b', 'c']);
    expect(small.search('monte tree')).toEqual(['c']);
    expect(small.search('tree zebra')).toEqual([]);
  });

  it('ranks name hits above title and text hits', () => {
    expect(small.search('tree')[0]).toBe('a');
    expect(small.search('reason')).toEqual(['b']);
  });

  it('finds dataset methods by name, title words and description', () => {
    expect(index.search('tree of thoughts')[0]).toBe('tree-of-thoughts-tot');
    expect(index.search('pddl').length).toBeGreaterThan(5);
    expect(index.search('minecraft')).toContain('jarvis-1');
    expect(index.search('2305.10601')).toEqual(['tree-of-thoughts-tot']);
    // One-letter tokens match whole words only.
    expect(index.search('llm+p')[0]).toBe('llm-p');
    expect(index.search('llm+p').length).toBeLessThan(5);
  });

  it('searches the user notes and tags when given', () => {
    const first = entries[0];
    if (!first) throw new Error('no entries');
    const withNote = createSearchIndex(
      entries.map((e) =>
        e.id === first.id ? toSearchDoc(e, ['baseline'], 'compare with zebra') : toSearchDoc(e),
      ),
    );
    expect(withNote.search('zebra')).toEqual([first.id]);
    expect(withNote.search('baseline')).toEqual([first.id]);
  });

  it('is fast over the whole dataset', () => {
    const start = performance.now();
    for (let i = 0; i < 200; i++) index.search('llm plan search tree');
    expect((performance.now() - start) / 200).toBeLessThan(5);
  });
});
