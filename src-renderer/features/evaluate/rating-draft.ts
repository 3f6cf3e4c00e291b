import type { ResponseOf } from '../../../src-main/contract/index.ts';
import {
  compareFields,
  type FieldComparison,
  type FieldSpec,
  type ResolvedFields,
} from '../../lib/ui/conflict-merge.ts';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension } from './leaderboard.ts';

/**
 * A rater's rating of one idea as the form edits it (a dimension left blank is not rated), the save request it
 * makes, and the shape ConflictDialog shows when someone saved the same rater's rating first. Pure.
 */

export type Rating = ResponseOf<'ratings.set'>['rating'];
type Agreement = ResponseOf<'ratings.standings'>['agreement'][number];

export interface RatingDraft {
  scores: Record<Dimension, number | null>;
  note: string;
  /** The stored revision this draft started from (0: not rated yet). */
  revision: number;
}

export function draftOf(rating: Rating | null): RatingDraft {
  const scores = Object.fromEntries(DIMENSIONS.map((d) => [d, rating?.scores[d] ?? null])) as Record<
    Dimension,
    number | null
  >;
  return { scores, note: rating?.note ?? '', revision: rating?.revision ?? 0 };
}

/** A typed score as the form holds it: blank → not rated; anything else must be an integer 0–10. */
export function parseScore(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isInteger(value) && value >= 0 && value <= 10 ? value : 'invalid';
}

/** The `ratings.set` scores: only the dimensions given. */
export function scoresOf(draft: RatingDraft): Partial<Record<Dimension, number>> {
  return Object.fromEntries(
    DIMENSIONS.flatMap((d) => (draft.scores[d] === null ? [] : [[d, draft.scores[d]]])),
  );
}

const FIELDS: readonly FieldSpec[] = [
  ...DIMENSIONS.map((d) => ({ key: d, label: DIMENSION_LABELS[d], multiline: false, pick: true })),
  { key: 'note', label: 'Note', multiline: true },
];

function fieldText(draft: RatingDraft): Record<string, string> {
  const values: Record<string, string> = { note: draft.note };
  for (const d of DIMENSIONS) values[d] = draft.scores[d] === null ? '(not rated)' : String(draft.scores[d]);
  return values;
}

/** Opened `base`, typed `mine`, stored `theirs` (null: deleted elsewhere, shown as not rated). */
export function ratingConflictFields(
  base: RatingDraft,
  mine: RatingDraft,
  theirs: Rating | null,
): FieldComparison[] {
  return compareFields(FIELDS, fieldText(base), fieldText(mine), fieldText(draftOf(theirs)));
}

/** The draft a conflict choice leads to, on top of the stored revision (saved again unless it took theirs). */
export function resolvedDraft(
  resolved: ResolvedFields,
  mine: RatingDraft,
  theirs: Rating | null,
): RatingDraft {
  const stored = draftOf(theirs);
  const scores = Object.fromEntries(
    DIMENSIONS.map((d) => [d, resolved.sides[d] === 'theirs' ? stored.scores[d] : mine.scores[d]]),
  ) as Record<Dimension, number | null>;
  return { scores, note: resolved.values['note'] ?? mine.note, revision: stored.revision };
}

const HUMAN_LABEL: Record<Agreement['human'], string> = { elo: 'Human ELO', ratings: 'Human ratings' };
const LLM_LABEL: Record<Agreement['llm'], string> = {
  direct: 'LLM scores',
  tournament: 'LLM tournament ELO',
};

/** One agreement line: the two rankings, and Spearman/Kendall with n, or why they are not computed yet. */
export function agreementText(a: Agreement): string {
  const what = `${HUMAN_LABEL[a.human]} vs ${LLM_LABEL[a.llm]}`;
  if (a.spearman === null || a.kendallTauB === null)
    return `${what}: not computed yet (${a.reason ?? 'no data'})`;
  return `${what}: Spearman ${a.spearman.toFixed(2)}, Kendall τ-b ${a.kendallTauB.toFixed(2)} (n = ${a.n})`;
}

/** The rater name typed once and remembered on this machine (ratings are kept apart by it). */
export const RATER_KEY = 'motiv.rater';

/** A rater's ratings by idea, with one replaced (new maps: the state holds them raw). */
export function ratingsById(
  ratings: readonly Rating[],
  extra: Rating | null = null,
): ReadonlyMap<string, Rating> {
  return new Map([...ratings, ...(extra ? [extra] : [])].map((r) => [r.ideaId, r]));
}
