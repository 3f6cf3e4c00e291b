import { z } from 'zod';
import paraphrases from './seed-paraphrases.json' with { type: 'json' };

/**
 * A labelled retrieval set over the seed graph (graph/seed/motivgraph.json): each query paraphrases one node and
 * shares no content word with that node's name (checked by `sharedContentWords`, and in
 * seed-paraphrases.test.ts). `npm run bench:local` reports recall@5 for lexical, vector and hybrid search.
 * The set is split by position (`paraphraseHalf`): search constants (graph/rank-fusion.ts) are chosen on the
 * even-numbered queries only, and the odd-numbered ones are the held-out check.
 */
export interface ParaphraseQuery {
  query: string;
  /** The exact name of the seed node the query means. */
  target: string;
}

/** The set itself is data, kept as data: seed-paraphrases.json, checked against this shape as it is read. */
export const SEED_PARAPHRASES: readonly ParaphraseQuery[] = z
  .array(z.strictObject({ query: z.string().min(1), target: z.string().min(1) }))
  .parse(paraphrases);

/** Even-numbered queries tune search constants; odd-numbered ones are held out. */
export const paraphraseHalf = (index: number): 'tuning' | 'heldOut' =>
  index % 2 === 0 ? 'tuning' : 'heldOut';

const STOPWORDS = new Set(
  'a an and are as at be by do does for from get how in into is it its of on once one ones or out own that the their them they this to too up very what when where which while who why with'.split(
    ' ',
  ),
);

const contentWords = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOPWORDS.has(word));

/**
 * Content words of `query` that match a word of `name` by their first five letters (so "reasoning" meets
 * "reasons", "model" meets "models"): a query must have none for the set to test paraphrase, not wording.
 */
export function sharedContentWords(query: string, name: string): string[] {
  const stems = new Set(contentWords(name).map((word) => word.slice(0, 5)));
  return contentWords(query).filter((word) => stems.has(word.slice(0, 5)));
}
