import type { CachedIdea, LibraryStatus } from '../../lib/db/library-types.ts';
import type { LibrarySearchHit } from '../../../src-main/contract/library.ts';

/**
 * The library's search, filters, sort and grouping over the cached entries, as one pure function so 10,000
 * ideas answer within a frame: the search matches each entry's precomputed lower-cased `searchText`, plus the
 * ids the core found in transcripts (`library.search`, when online).
 */

export const SORT_KEYS = ['date', 'score', 'elo', 'cost', 'title'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type GroupKey = 'none' | 'topic' | 'session';
export type ArchivedFilter = 'active' | 'archived' | 'all';

export interface LibraryQuery {
  text: string;
  status: LibraryStatus | 'all';
  topic: string;
  source: 'mine' | 'lab' | 'all';
  author: string;
  tag: string;
  archived: ArchivedFilter;
  sort: SortKey;
  descending: boolean;
  group: GroupKey;
}

export const DEFAULT_QUERY: LibraryQuery = {
  text: '',
  status: 'all',
  topic: '',
  source: 'all',
  author: '',
  tag: '',
  archived: 'active',
  sort: 'date',
  descending: true,
  group: 'none',
};

/** One line of the virtualized list: a group's heading or an idea. */
export type LibraryLine =
  | { kind: 'group'; key: string; label: string; count: number }
  | { kind: 'idea'; key: string; idea: CachedIdea };

function matchesFilters(idea: CachedIdea, q: LibraryQuery): boolean {
  if (q.archived === 'active' && idea.archived) return false;
  if (q.archived === 'archived' && !idea.archived) return false;
  if (q.status !== 'all' && idea.status !== q.status) return false;
  if (q.source !== 'all' && idea.source !== q.source) return false;
  if (q.topic && idea.topic !== q.topic) return false;
  if (q.author && idea.author !== q.author) return false;
  if (q.tag && !idea.tags.includes(q.tag)) return false;
  return true;
}

/** Every word of the search must appear (in any field); transcript hits count as a match on their own. */
function matchesText(
  idea: CachedIdea,
  words: readonly string[],
  transcriptHits: ReadonlySet<string>,
): boolean {
  if (words.length === 0) return true;
  if (transcriptHits.has(idea.ideaId)) return true;
  return words.every((w) => idea.searchText.includes(w));
}

function numberOrLowest(value: number | null): number {
  return value ?? Number.NEGATIVE_INFINITY;
}

const titleOrder = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Plain code-unit order: ISO dates and ids sort right this way, and it is many times faster than a collator. */
function plain(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBy(sort: SortKey): (a: CachedIdea, b: CachedIdea) => number {
  switch (sort) {
    case 'date':
      return (a, b) => plain(a.updatedAt, b.updatedAt);
    case 'score':
      return (a, b) => numberOrLowest(a.score) - numberOrLowest(b.score);
    case 'elo':
      return (a, b) => numberOrLowest(a.elo) - numberOrLowest(b.elo);
    case 'cost':
      return (a, b) => numberOrLowest(a.cost) - numberOrLowest(b.cost);
    case 'title':
      return (a, b) => titleOrder.compare(a.title, b.title);
  }
}

export function searchWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The ideas in the query's order: done once per sort, so typing a search only filters (order is kept). */
export function sortLibrary(ideas: readonly CachedIdea[], sort: SortKey, descending: boolean): CachedIdea[] {
  const compare = compareBy(sort);
  const direction = descending ? -1 : 1;
  return [...ideas].sort((a, b) => direction * compare(a, b) || plain(a.ideaId, b.ideaId));
}

/** The lines of already sorted ideas: filtered, searched, and grouped (groups keep the ideas' order). */
export function selectLines(
  sorted: readonly CachedIdea[],
  q: LibraryQuery,
  transcriptHits: ReadonlySet<string> = new Set(),
): LibraryLine[] {
  const words = searchWords(q.text);
  const found = sorted.filter((i) => matchesFilters(i, q) && matchesText(i, words, transcriptHits));
  if (q.group === 'none') return found.map((idea) => ({ kind: 'idea', key: idea.ideaId, idea }));

  const groups = new Map<string, CachedIdea[]>();
  for (const idea of found) {
    const key = q.group === 'topic' ? idea.topic : (idea.sessionId ?? '');
    const members = groups.get(key);
    if (members) members.push(idea);
    else groups.set(key, [idea]);
  }
  const lines: LibraryLine[] = [];
  for (const key of [...groups.keys()].sort(plain)) {
    const members = groups.get(key) ?? [];
    const label = q.group === 'topic' ? key || '(no topic)' : groupLabelOfSession(key, members);
    lines.push({ kind: 'group', key: `group:${key}`, label, count: members.length });
    for (const idea of members) lines.push({ kind: 'idea', key: idea.ideaId, idea });
  }
  return lines;
}

export function queryLibrary(
  ideas: readonly CachedIdea[],
  q: LibraryQuery,
  transcriptHits: ReadonlySet<string> = new Set(),
): LibraryLine[] {
  return selectLines(sortLibrary(ideas, q.sort, q.descending), q, transcriptHits);
}

function groupLabelOfSession(sessionId: string, members: readonly CachedIdea[]): string {
  if (!sessionId) return 'Lab ideas (no session of yours)';
  return `Session: ${members[0]?.topic ?? sessionId}`;
}

/** The distinct values a filter offers, sorted. */
export function filterChoices(ideas: readonly CachedIdea[]): {
  topics: string[];
  authors: string[];
  tags: string[];
} {
  const topics = new Set<string>();
  const authors = new Set<string>();
  const tags = new Set<string>();
  for (const i of ideas) {
    topics.add(i.topic);
    authors.add(i.author);
    for (const t of i.tags) tags.add(t);
  }
  const sorted = (s: Set<string>): string[] => [...s].filter(Boolean).sort((a, b) => a.localeCompare(b));
  return { topics: sorted(topics), authors: sorted(authors), tags: sorted(tags) };
}

export const NO_IDS: ReadonlySet<string> = new Set();
export const NO_SNIPPETS: ReadonlyMap<string, string> = new Map();

/** Ideas whose transcript matched (the other fields are matched from the cache already). */
export function transcriptIds(hits: readonly LibrarySearchHit[]): ReadonlySet<string> {
  return new Set(hits.filter((h) => h.field === 'transcript').map((h) => h.id));
}

export function snippetsOf(hits: readonly LibrarySearchHit[]): ReadonlyMap<string, string> {
  return new Map(hits.map((h) => [h.id, h.snippet]));
}

export function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
