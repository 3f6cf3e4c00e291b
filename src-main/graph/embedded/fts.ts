import type { Database } from 'better-sqlite3';
import { sql } from './open-database.ts';

/** The FTS5 index over name, aliases and description; its rowid is the node's seq. */
export function indexNodeText(db: Database, seq: number, name: string, aliases: readonly string[], description: string): void {
  sql(db, 'DELETE FROM nodes_fts WHERE rowid = ?').run(seq);
  sql(db, 'INSERT INTO nodes_fts (rowid, name, aliases, description) VALUES (?, ?, ?, ?)').run(
    seq,
    name,
    aliases.join(' ; '),
    description,
  );
}

export function removeNodeText(db: Database, seq: number): void {
  sql(db, 'DELETE FROM nodes_fts WHERE rowid = ?').run(seq);
}

const MAX_QUERY_TERMS = 32;

/**
 * User text → an FTS5 query that can only mean "any of these words". Every term is a quoted string of letters
 * and digits, so operators (AND, NEAR, *, ^, column filters, quotes) in the text are plain words, never syntax.
 * Returns null when the text holds no searchable word.
 */
export function toFtsQuery(text: string): string | null {
  const terms = [...new Set(text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(
    0,
    MAX_QUERY_TERMS,
  );
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term}"`).join(' OR ');
}
