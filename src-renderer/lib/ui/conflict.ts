/** One value two writers disagree on, as shown by ConflictChoice. */
export interface ConflictField {
  key: string;
  label: string;
  mine: string;
  theirs: string;
  /** How "merge by hand" edits it: free text (prefilled with both versions) or a pick of one side. */
  edit: 'text' | 'pick';
}

export type ConflictResolution =
  | { kind: 'mine' }
  | { kind: 'theirs' }
  | { kind: 'merged'; text: Record<string, string>; picks: Record<string, 'mine' | 'theirs'> };

/** The text a hand merge starts from: one version when both agree, else mine then theirs, marked. */
export function mergeStart(field: ConflictField): string {
  if (field.mine === field.theirs || field.theirs === '') return field.mine;
  if (field.mine === '') return field.theirs;
  return `${field.mine}\n--- theirs ---\n${field.theirs}`;
}
