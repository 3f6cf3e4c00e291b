/**
 * User text → a Lucene query for the full-text index that can only mean "any of these words", weighted toward
 * the name. Terms are the text's letter/digit runs (as in the embedded store's FTS5 query); each is escaped and
 * quoted anyway, so Lucene operators (AND, OR, NOT, *, ?, ~, ^, :, field names, brackets) are never syntax.
 */

const MAX_QUERY_TERMS = 32;
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (ch) => `\\${ch}`);
}

/** Field boosts mirror the embedded store's bm25 weights (name 10, aliases 5, description 1). */
const FIELDS: ReadonlyArray<readonly [string, number]> = [
  ['name', 10],
  ['aliases', 5],
  ['description', 1],
];

export function searchTerms(text: string): string[] {
  const terms = text
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return [...new Set(terms ?? [])].slice(0, MAX_QUERY_TERMS);
}

/** null when the text holds no searchable word. */
export function toLuceneQuery(text: string): string | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  const any = terms.map((term) => `"${escapeLucene(term)}"`).join(' OR ');
  return FIELDS.map(([field, boost]) => `${field}:(${any})^${boost}`).join(' OR ');
}
