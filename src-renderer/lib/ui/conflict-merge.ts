/**
 * Pure three-way comparison behind ConflictDialog: what the user opened (base), what they typed (mine) and what
 * is stored now (theirs), field by field. Any editor whose save was refused as stale (CONFLICT) uses it: the
 * graph node editor, Settings sections and Methods annotations.
 */

export interface FieldSpec {
  key: string;
  label: string;
  /** Multi-line text gets block markers in a hand merge; a single line gets " / " between the two. */
  multiline: boolean;
  /** A hand merge picks this field from one side instead of typing it (a star, a list of links, a setting). */
  pick?: boolean;
}

export type FieldChange = 'same' | 'mine' | 'theirs' | 'both';

export interface FieldComparison extends FieldSpec {
  base: string;
  mine: string;
  theirs: string;
  /** Who changed the field since base: nobody, only the user, only the other writer, or both differently. */
  change: FieldChange;
}

export type FieldValues = Record<string, string>;

export const MINE_MARKER = '<<<<<<< yours';
export const SPLIT_MARKER = '=======';
export const THEIRS_MARKER = '>>>>>>> theirs';

/** `base` null: the version the user started from is not known, so every difference counts as both-changed. */
export function compareFields(
  specs: readonly FieldSpec[],
  base: FieldValues | null,
  mine: FieldValues,
  theirs: FieldValues,
): FieldComparison[] {
  return specs.map((spec) => {
    const b = base ? (base[spec.key] ?? '') : null;
    const m = mine[spec.key] ?? '';
    const t = theirs[spec.key] ?? '';
    return { ...spec, base: b ?? '', mine: m, theirs: t, change: changeOf(b, m, t) };
  });
}

function changeOf(base: string | null, mine: string, theirs: string): FieldChange {
  if (mine === theirs) return 'same';
  if (base === null) return 'both';
  if (mine === base) return 'theirs';
  if (theirs === base) return 'mine';
  return 'both';
}

/** Fields whose two versions differ: the ones a dialog must show. */
export function differing(fields: readonly FieldComparison[]): FieldComparison[] {
  return fields.filter((f) => f.change !== 'same');
}

/**
 * The starting text of a hand merge: a one-sided change is taken as is; a field both changed holds both
 * versions, marked, so nothing either side wrote is dropped before the user decides.
 */
export function mergeDraft(field: FieldComparison): string {
  switch (field.change) {
    case 'same':
    case 'mine':
      return field.mine;
    case 'theirs':
      return field.theirs;
    case 'both':
      return field.multiline
        ? `${MINE_MARKER}\n${field.mine}\n${SPLIT_MARKER}\n${field.theirs}\n${THEIRS_MARKER}`
        : `${field.mine} / ${field.theirs}`;
  }
}

/** True while a hand-merged text still holds a marker line (the user has not finished merging it). */
export function hasConflictMarkers(text: string): boolean {
  return text
    .split('\n')
    .some((line) => line === MINE_MARKER || line === SPLIT_MARKER || line.startsWith(THEIRS_MARKER));
}

export type Resolution = 'mine' | 'theirs' | 'merged';
export type Side = 'mine' | 'theirs';
/** Which side each picked field was taken from (every field, for keep mine / take theirs). */
export type FieldSides = Record<string, Side>;

/** What a choice saves: every field's value, and for fields picked whole, the side it came from. */
export interface ResolvedFields {
  values: FieldValues;
  sides: FieldSides;
}

/** The side a hand merge starts a picked field on: the user's own, unless only the other writer changed it. */
export function pickDraft(field: FieldComparison): Side {
  return field.change === 'theirs' ? 'theirs' : 'mine';
}

/**
 * The values to save for a choice: every field of one side, or for a hand merge the typed text of typed fields
 * and the picked side of picked fields (fields nobody touched take their draft, so none comes back empty).
 */
export function resolveFields(
  choice: Resolution,
  fields: readonly FieldComparison[],
  merged: FieldValues = {},
  picked: FieldSides = {},
): ResolvedFields {
  const values: FieldValues = {};
  const sides: FieldSides = {};
  for (const f of fields) {
    const side: Side = choice === 'merged' ? (picked[f.key] ?? pickDraft(f)) : choice;
    sides[f.key] = side;
    if (choice === 'merged' && !f.pick) values[f.key] = merged[f.key] ?? mergeDraft(f);
    else values[f.key] = side === 'mine' ? f.mine : f.theirs;
  }
  return { values, sides };
}
