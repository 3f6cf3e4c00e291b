import type { LibraryEntry, LibraryMeta } from '../../../src-main/contract/library.ts';
import type { Dossier } from '../../../src-main/contract/reports.ts';
import type { IdeatorTurn } from '../../../src-main/contract/ideator.ts';
import { searchTextOf, type CachedIdea, type CachedVersion } from '../../lib/db/library-types.ts';
import { ideaAsText } from './version-diff.ts';

/** The core's library entries and dossiers, as the offline cache keeps them (lib/db/library-types.ts). */

function modelOf(models: LibraryEntry['models']): string {
  if (!models) return '';
  return models.researcher === models.mentor ? models.researcher : `${models.researcher} / ${models.mentor}`;
}

export function toCachedIdea(entry: LibraryEntry): CachedIdea {
  const fields = {
    ideaId: entry.id,
    sessionId: entry.sessionId,
    title: entry.title,
    abstract: entry.abstract,
    topic: entry.topic,
    status: entry.status,
    source: entry.source,
    author: entry.author ?? '',
    score: entry.scores?.paperMean ?? null,
    elo: entry.elo?.eloAverage ?? null,
    cost: entry.cost?.usd ?? null,
    model: modelOf(entry.models),
    tags: entry.tags,
    note: entry.note,
    archived: entry.archived,
    versions: entry.versions,
    dialogue: entry.dialogueSummary.text,
    revision: entry.metaRevision,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
  return { ...fields, searchText: searchTextOf(fields) };
}

/** An entry after this window saved its tags, note or archive flag: the core's answer replaces those fields. */
export function withMeta(idea: CachedIdea, meta: LibraryMeta): CachedIdea {
  const next = {
    ...idea,
    tags: meta.tags,
    note: meta.note,
    archived: meta.archived,
    revision: meta.revision,
  };
  return { ...next, searchText: searchTextOf(next) };
}

const TURN_TEXT_LIMIT = 2_000;
const SPEAKER: Record<IdeatorTurn['kind'], string | null> = {
  researcher: 'Researcher',
  mentor: 'Mentor',
  human: 'You',
  note: 'Note',
  idea: null, // the version itself, shown as the version
  tool: null, // graph and literature lookups: in the full transcript, not the summary
};

function dialogueOf(turns: readonly IdeatorTurn[]): CachedVersion['dialogue'] {
  return turns.flatMap((t) => {
    const who = SPEAKER[t.kind];
    const text = t.content.trim();
    if (!who || !text) return [];
    return [{ who, text: text.length > TURN_TEXT_LIMIT ? `${text.slice(0, TURN_TEXT_LIMIT)}…` : text }];
  });
}

export function toCachedVersions(dossier: Dossier): CachedVersion[] {
  return dossier.versions.map((v) => ({
    version: v.version,
    title: v.idea.title,
    text: ideaAsText(v.idea),
    dialogue: dialogueOf(v.dialogue),
    createdAt: v.createdAt,
  }));
}

/** The editor's "a, b, a" as the core's tag list: trimmed, no blanks, no repeats. */
export function tagsFromText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}
