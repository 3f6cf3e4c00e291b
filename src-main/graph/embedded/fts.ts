import type { Database } from 'better-sqlite3';
import { sql } from './open-database.ts';

/** The FTS5 index over name, aliases and description; its rowid is the node's seq. `fresh`: a new node. */
export function indexNodeText(
  db: Database,
  seq: number,
  name: string,
  aliases: readonly string[],
  description: string,
  fresh = false,
): void {
  if (!fresh) sql(db, 'DELETE FROM nodes_fts WHERE rowid = ?').run(seq);
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
 * User text → the words FTS5's unicode61 tokenizer would index (letters and digits, case and diacritics folded).
 * Only these words ever reach MATCH, each quoted, so operators in the text (AND, NEAR, *, ^, quotes, column
 * filters) are plain words, never syntax.
 */
export function queryTerms(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return [...new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_QUERY_TERMS);
}

/**
 * Scoring every document that holds a very common word is what makes BM25 slow, and such words barely move the
 * ranking (their IDF is near zero). So terms are taken rarest first until their documents add up to this budget;
 * the rest are dropped. When even the rarest term is that common, all terms must match (AND) instead.
 */
const POSTINGS_BUDGET = 2_000;

export function toFtsQuery(db: Database, text: string): string | null {
  const terms = queryTerms(text);
  if (terms.length === 0) return null;
  const lookup = sql(db, 'SELECT doc FROM nodes_fts_vocab WHERE term = ?').pluck();
  const known = terms
    .map((term) => ({ term, doc: (lookup.get(term) as number | undefined) ?? 0 }))
    .filter((t) => t.doc > 0)
    .sort((a, b) => a.doc - b.doc || (a.term < b.term ? -1 : 1));
  const rarest = known[0];
  if (!rarest) return null; // no query word occurs anywhere
  const quote = (term: string): string => `"${term}"`;
  if (rarest.doc > POSTINGS_BUDGET) return known.map((t) => quote(t.term)).join(' AND ');
  const kept: string[] = [];
  let postings = 0;
  for (const { term, doc } of known) {
    if (kept.length > 0 && postings + doc > POSTINGS_BUDGET) break;
    kept.push(quote(term));
    postings += doc;
  }
  return kept.join(' OR ');
}
