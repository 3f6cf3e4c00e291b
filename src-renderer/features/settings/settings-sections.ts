import type { Settings, SettingsPatch } from '../../../src-main/contract/index.ts';
import { compareFields, type FieldComparison, type FieldSides } from '../../lib/ui/conflict-merge.ts';
import { draftFrom, patchFrom, type SettingsDraft } from './settings-form.ts';

/** The settings page's sections, each saved on its own, and how a section's draft compares and merges. */

export type FormSection = 'appearance' | 'profile' | 'ideation' | 'llm' | 'neo4j';
export const FORM_SECTIONS: readonly FormSection[] = ['appearance', 'profile', 'ideation', 'llm', 'neo4j'];

export const SECTION_FIELDS: Record<FormSection, readonly (keyof SettingsDraft)[]> = {
  appearance: ['theme', 'density'],
  profile: ['displayName'],
  ideation: ['ideasPerTopic', 'maxRounds'],
  llm: ['llmBaseUrl', 'llmModel', 'llmRoleModels', 'llmRoleEndpoints'],
  neo4j: ['neo4jUri', 'neo4jUser', 'neo4jDatabase'],
};

const FIELD_LABELS: Record<keyof SettingsDraft, string> = {
  theme: 'Theme',
  density: 'Density',
  displayName: 'Display name',
  ideasPerTopic: 'Ideas per topic',
  maxRounds: 'Mentor rounds per idea',
  llmBaseUrl: 'Base URL',
  llmModel: 'Model',
  llmRoleModels: 'Per-agent models',
  llmRoleEndpoints: 'Per-agent endpoints',
  neo4jUri: 'URI',
  neo4jUser: 'User',
  neo4jDatabase: 'Database',
};

type SectionValues = Partial<SettingsDraft>;

export function sectionValues(draft: SettingsDraft, section: FormSection): SectionValues {
  return Object.fromEntries(SECTION_FIELDS[section].map((key) => [key, draft[key]])) as SectionValues;
}

const show = (value: unknown): string => {
  if (typeof value !== 'object' || value === null) return String(value ?? '');
  return Object.entries(value)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
};

/** Equal by value; numbers typed in inputs may arrive as strings. */
export function sameValues(a: SectionValues, b: SectionValues): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}
function normalise(values: SectionValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, show(v)]));
}

export function sectionPatch(
  draft: SettingsDraft,
  section: FormSection,
  baseRevision: number,
): SettingsPatch {
  return { baseRevision, [section]: patchFrom(draft)[section] };
}

/** Mine vs theirs for one section, every field picked from one side when merging by hand. */
export function sectionConflictFields(
  draft: SettingsDraft,
  theirs: Settings,
  section: FormSection,
): FieldComparison[] {
  const other = draftFrom(theirs);
  const specs = SECTION_FIELDS[section].map((key) => ({
    key,
    label: FIELD_LABELS[key],
    multiline: false,
    pick: true,
  }));
  const shown = (values: SettingsDraft): Record<string, string> =>
    Object.fromEntries(SECTION_FIELDS[section].map((key) => [key, show(values[key])]));
  // The draft's own base is not kept per field, so every difference is shown as changed on both sides.
  return compareFields(specs, null, shown(draft), shown(other));
}

/** Writes the side chosen for each field of `section` (from ConflictDialog's resolution) into `draft`. */
export function applyResolution(
  draft: SettingsDraft,
  theirs: Settings,
  section: FormSection,
  sides: FieldSides,
): void {
  const other = draftFrom(theirs);
  for (const key of SECTION_FIELDS[section]) {
    if (sides[key] === 'theirs')
      (draft as unknown as Record<string, unknown>)[key] = structuredClone(other[key]);
  }
}
