import { describe, expect, it } from 'vitest';
import { cachedIdea } from '../../test-support/cached-idea.ts';
import { DEFAULT_QUERY, filterChoices, queryLibrary, type LibraryQuery } from './library-query.ts';

const idea = (id: string, fields: Parameters<typeof cachedIdea>[1] = {}): ReturnType<typeof cachedIdea> =>
  cachedIdea(id, { abstract: 'plain abstract', topic: 'LLM planning', ...fields });

const q = (over: Partial<LibraryQuery>): LibraryQuery => ({ ...DEFAULT_QUERY, ...over });
const ids = (lines: ReturnType<typeof queryLibrary>): string[] =>
  lines.flatMap((l) => (l.kind === 'idea' ? [l.idea.ideaId] : [`[${l.label}:${l.count}]`]));

describe('queryLibrary', () => {
  const ideas = [
    idea('a', { abstract: 'Sparse attention for robots', score: 7, elo: 1510, updatedAt: '2026-01-03' }),
    idea('b', { tags: ['Robotics'], note: 'ask Ana', status: 'accepted', updatedAt: '2026-01-02', score: 9 }),
    idea('c', { topic: 'Vision', source: 'lab', author: 'ana', archived: true, sessionId: null }),
    idea('d', { title: 'Zeta', topic: 'Vision', cost: 0.5, elo: 1400, updatedAt: '2026-01-04' }),
  ];

  it('hides archived ideas unless asked, and shows only them in the archive', () => {
    expect(ids(queryLibrary(ideas, q({})))).toEqual(['d', 'a', 'b']);
    expect(ids(queryLibrary(ideas, q({ archived: 'archived' })))).toEqual(['c']);
    expect(ids(queryLibrary(ideas, q({ archived: 'all', sort: 'title', descending: false })))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('matches every search word in title, abstract, topic, tags or note, case-insensitively', () => {
    expect(ids(queryLibrary(ideas, q({ text: 'SPARSE robots' })))).toEqual(['a']);
    expect(ids(queryLibrary(ideas, q({ text: 'robotics' })))).toEqual(['b']);
    expect(ids(queryLibrary(ideas, q({ text: 'ana' })))).toEqual(['b']);
    expect(ids(queryLibrary(ideas, q({ text: 'vision' })))).toEqual(['d']);
    expect(ids(queryLibrary(ideas, q({ text: 'sparse nothing' })))).toEqual([]);
  });

  it('adds the transcript matches the core found', () => {
    expect(ids(queryLibrary(ideas, q({ text: 'mentioned-only-in-dialogue' }), new Set(['d'])))).toEqual([
      'd',
    ]);
  });

  it('filters by status, topic, source, author and tag', () => {
    expect(ids(queryLibrary(ideas, q({ status: 'accepted' })))).toEqual(['b']);
    expect(ids(queryLibrary(ideas, q({ topic: 'Vision', archived: 'all' })))).toEqual(['d', 'c']);
    expect(ids(queryLibrary(ideas, q({ source: 'lab', archived: 'all' })))).toEqual(['c']);
    expect(ids(queryLibrary(ideas, q({ author: 'ana', archived: 'all' })))).toEqual(['c']);
    expect(ids(queryLibrary(ideas, q({ tag: 'Robotics' })))).toEqual(['b']);
  });

  it('sorts by score, ELO and cost with unknown values last when descending', () => {
    expect(ids(queryLibrary(ideas, q({ sort: 'score' })))).toEqual(['b', 'a', 'd']);
    expect(ids(queryLibrary(ideas, q({ sort: 'elo' })))).toEqual(['a', 'd', 'b']);
    expect(ids(queryLibrary(ideas, q({ sort: 'cost' })))).toEqual(['d', 'a', 'b']);
  });

  it('groups by topic or session with a heading and count per group', () => {
    expect(ids(queryLibrary(ideas, q({ group: 'topic', archived: 'all' })))).toEqual([
      '[LLM planning:2]',
      'a',
      'b',
      '[Vision:2]',
      'd',
      'c',
    ]);
    expect(ids(queryLibrary(ideas, q({ group: 'session', archived: 'all' })))).toEqual([
      '[Lab ideas (no session of yours):1]',
      'c',
      '[Session: Vision:3]',
      'd',
      'a',
      'b',
    ]);
  });

  it('offers the distinct topics, authors and tags', () => {
    expect(filterChoices(ideas)).toEqual({
      topics: ['LLM planning', 'Vision'],
      authors: ['ana', 'me'],
      tags: ['Robotics'],
    });
  });
});
