import { describe, expect, it } from 'vitest';
import type { LibraryEntry, LibraryListResponse } from '../../../src-main/contract/library.ts';
import { tagsFromText, toCachedIdea } from './library-adapter.ts';
import { mergeDelta, mergeFull } from './library-merge.ts';

function entry(id: string, fields: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    id,
    sessionId: 's1',
    title: `Idea ${id}`,
    abstract: 'Abstract',
    topic: 'Topic',
    status: 'accepted',
    versions: 2,
    scores: null,
    elo: null,
    cost: { usd: 0.12, unpricedModels: [] },
    models: { researcher: 'r-model', mentor: 'm-model' },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    author: 'me',
    source: 'mine',
    tags: ['Robots'],
    note: 'My NOTE',
    archived: false,
    metaRevision: 3,
    dialogueSummary: { rounds: 1, aspects: [], verdict: 'accepted', decidedBy: 'mentor', text: '1 round' },
    ...fields,
  };
}

function answer(over: Partial<LibraryListResponse>): LibraryListResponse {
  return { cursor: 'c', full: true, entries: [], removedIds: [], unavailable: [], ...over };
}

describe('library answers applied to the page', () => {
  it('maps an entry to what the cache keeps, search text included', () => {
    const idea = toCachedIdea(entry('a'));
    expect(idea).toMatchObject({
      ideaId: 'a',
      cost: 0.12,
      model: 'r-model / m-model',
      revision: 3,
      dialogue: '1 round',
    });
    expect(idea.searchText).toContain('my note');
    expect(idea.searchText).toContain('robots');
  });

  it('a full answer replaces everything, except the entries of a source the core could not read', () => {
    const cached = [
      toCachedIdea(entry('old')),
      toCachedIdea(entry('lab1', { source: 'lab', sessionId: null })),
    ];
    expect(mergeFull(cached, answer({ entries: [entry('a')] })).map((i) => i.ideaId)).toEqual(['a']);
    const partial = answer({
      entries: [entry('a')],
      unavailable: [{ source: 'lab', message: 'Neo4j down' }],
    });
    expect(mergeFull(cached, partial).map((i) => i.ideaId)).toEqual(['a', 'lab1']);
  });

  it('a delta replaces changed entries, adds new ones and drops removed ones', () => {
    const cached = [toCachedIdea(entry('a')), toCachedIdea(entry('b')), toCachedIdea(entry('c'))];
    const next = mergeDelta(
      cached,
      answer({ full: false, entries: [entry('b', { archived: true }), entry('d')], removedIds: ['c'] }),
    );
    expect(next.map((i) => `${i.ideaId}:${i.archived}`)).toEqual(['a:false', 'b:true', 'd:false']);
  });

  it('reads tags as a trimmed list without blanks or repeats', () => {
    expect(tagsFromText(' a, b ,, a ,c ')).toEqual(['a', 'b', 'c']);
  });
});
