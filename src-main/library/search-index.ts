import type { Database } from 'better-sqlite3';
import type { LibrarySearchHit } from '../contract/library.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Full-text search over the catalogue's FTS5 index (title, abstract, note, transcript). The user's words are
 * never FTS syntax: each becomes a quoted phrase (quotes doubled), the last one a prefix, all of them required,
 * so `NEAR(`, `*`, `"`, `-` or `OR` are just text. Ranked by bm25 with titles weighing most.
 */

export interface SearchOptions {
  query: string;
  limit: number;
  includeArchived: boolean;
}

const FIELDS = ['title', 'abstract', 'note', 'transcript'] as const;
/** bm25 column weights, in FIELDS order. */
const WEIGHTS = '10.0, 5.0, 3.0, 1.0';
const MAX_WORDS = 32;
const OPEN = '«';
const CLOSE = '»';

/** The FTS5 MATCH expression for what the user typed; VALIDATION when nothing searchable is left. */
export function ftsQuery(query: string): string {
  const words = query
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_WORDS);
  if (words.length === 0) {
    throw new AppError('VALIDATION', 'The search has no words to look for (letters or digits)', {
      field: 'query',
    });
  }
  return words.map((w, i) => `"${w.replaceAll('"', '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

interface HitRow {
  id: string;
  rank: number;
  title: string;
  abstract: string;
  note: string;
  transcript: string;
}

export function searchCatalogue(
  db: Database,
  { query, limit, includeArchived }: SearchOptions,
): LibrarySearchHit[] {
  const snippets = FIELDS.map((f, i) => `snippet(search, ${i}, '${OPEN}', '${CLOSE}', '…', 16) AS ${f}`).join(
    ', ',
  );
  const rows = db
    .prepare(
      `SELECT c.id, bm25(search, ${WEIGHTS}) AS rank, ${snippets}
       FROM search JOIN catalogue c ON c.doc = search.rowid
       LEFT JOIN meta m ON m.idea_id = c.id
       WHERE search MATCH ? AND c.present = 1 AND (? OR coalesce(m.archived, 0) = 0)
       ORDER BY rank LIMIT ?`,
    )
    .all(ftsQuery(query), includeArchived ? 1 : 0, limit) as HitRow[];
  return rows.map((row) => {
    const field = FIELDS.find((f) => row[f].includes(OPEN)) ?? 'title';
    return { id: row.id, field, snippet: row[field], score: -row.rank };
  });
}
