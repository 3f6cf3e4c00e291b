/**
 * Pure three-way comparison behind ConflictDialog: what the user opened (base), what they typed (mine) and what
 * is stored now (theirs), field by field. Any editor whose save was refused as stale (CONFLICT) can use it.
 */

export interface FieldSpec {
  key: string;
  label: string;
  /** Multi-line text gets block markers in a hand merge; a single line gets " / " between the two. */
  multiline: boolean;
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

export function compareFields(
  specs: readonly FieldSpec[],
  base: FieldValues,
  mine: FieldValues,
  theirs: FieldValues,
): FieldComparison[] {
  return specs.map((spec) => {
    const b = base[spec.key] ?? '';
    const m = mine[spec.key] ?? '';
    const t = theirs[spec.key] ?? '';
    return { ...spec, base: b, mine: m, theirs: t, change: changeOf(b, m, t) };
  });
}

function changeOf(base: string, mine: string, theirs: string): FieldChange {
  if (mine === theirs) return 'same';
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

/** The values to save for a choice: every field of one side, or the merged text where given. */
export function resolvedValues(
  choice: Resolution,
  fields: readonly FieldComparison[],
  merged: FieldValues = {},
): FieldValues {
  return Object.fromEntries(
    fields.map((f) => {
      if (choice === 'mine') return [f.key, f.mine];
      if (choice === 'theirs') return [f.key, f.theirs];
      return [f.key, merged[f.key] ?? mergeDraft(f)];
    }),
  );
}
