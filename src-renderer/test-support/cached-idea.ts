import { searchTextOf, type CachedIdea } from '../lib/db/library-types.ts';

/** A library entry as the offline cache keeps it, for tests: a draft of mine with `fields` over the defaults. */
export function cachedIdea(ideaId: string, fields: Partial<CachedIdea> = {}): CachedIdea {
  const idea = {
    ideaId,
    sessionId: 's1',
    title: `Idea ${ideaId}`,
    abstract: 'An abstract',
    topic: 'Topic',
    status: 'draft' as const,
    source: 'mine' as const,
    author: 'me',
    score: null,
    elo: null,
    cost: null,
    model: 'm',
    tags: [],
    note: '',
    archived: false,
    versions: 1,
    dialogue: '',
    revision: 0,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...fields,
  };
  return { ...idea, searchText: searchTextOf(idea) };
}
