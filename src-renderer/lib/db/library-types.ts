/**
 * What the renderer keeps of the ideas library: one entry per idea (the library's row), and per opened idea its
 * versions and dialogue summaries (the dossier's cacheable part). Shaped for the screens, filled from the core's
 * `library.*` and `ideas.dossier` replies by features/ideas/library-adapter.ts; nothing here is the only copy.
 */

export type LibraryStatus = 'accepted' | 'rejected' | 'round_limit' | 'draft';

export interface CachedIdea {
  ideaId: string;
  sessionId: string | null;
  title: string;
  abstract: string;
  topic: string;
  status: LibraryStatus;
  /** mine: the user's own sessions; lab: an Idea node a lab member wrote to the shared graph. */
  source: 'mine' | 'lab';
  author: string;
  /** The judge's overall score (null when not judged). */
  score: number | null;
  elo: number | null;
  /** Cost in USD of the session's LLM calls attributed to this idea (null when unknown). */
  cost: number | null;
  model: string;
  tags: string[];
  note: string;
  archived: boolean;
  versions: number;
  /** One line about the dialogue that produced it ("3 rounds; questioned novelty; accepted by the mentor"). */
  dialogue: string;
  /** The core's revision of the user's tags/note/archive row (0 = never written). */
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** Lower-cased title, abstract, topic, tags and note: what the instant search matches (v2). */
  searchText: string;
}

export interface CachedVersion {
  version: number;
  title: string;
  /** The version's fields as readable text (one `Field: value` block per field), what the diff compares. */
  text: string;
  /** The dialogue that produced the version, one line per turn (who: what), shortened. */
  dialogue: { who: string; text: string }[];
  createdAt: string;
}

export interface CachedDossier {
  ideaId: string;
  versions: CachedVersion[];
  /** The idea's `updatedAt` the dossier was read at: a newer library entry makes it stale. */
  ideaUpdatedAt: string;
  /** Approximate size in bytes (JSON length), for the cache's byte bound. */
  bytes: number;
  /** Last time it was opened (ms since epoch): the least recently used go first. */
  usedAt: number;
}

export interface CachedSession {
  id: string;
  topic: string;
  status: string;
  ideas: number;
  updatedAt: string;
}

/** The whole cached library in one row (v3): ideas as JSON text, without `searchText`, and their cursor. */
export interface LibrarySnapshot {
  key: 'library';
  /** The core's `changedSince` cursor the ideas are current to (null: never refreshed). */
  cursor: string | null;
  refreshedAt: number | null;
  count: number;
  json: string;
}

export type StoredIdea = Omit<CachedIdea, 'searchText'>;

/** The text the instant search looks in, lower-cased once when the entry is stored. */
export function searchTextOf(
  idea: Pick<CachedIdea, 'title' | 'abstract' | 'topic' | 'tags' | 'note'>,
): string {
  return [idea.title, idea.abstract, idea.topic, idea.tags.join(' '), idea.note].join('\n').toLowerCase();
}
