import type { Settings } from '../../../src-main/contract/index.ts';
import { ApiError } from '../../lib/api/client.ts';
import { saveSettings } from '../../lib/settings.svelte.ts';
import type { FieldSides, Resolution } from '../../lib/ui/conflict-merge.ts';
import { draftFrom, fieldErrors, type SettingsDraft } from './settings-form.ts';
import {
  applyResolution,
  FORM_SECTIONS,
  sameValues,
  sectionPatch,
  sectionValues,
  type FormSection,
} from './settings-sections.ts';

const sameSection = (a: Settings, b: Settings, section: FormSection): boolean =>
  sameValues(sectionValues(draftFrom(a), section), sectionValues(draftFrom(b), section));

export type SectionStatus =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/**
 * The settings page's unsaved edits, per section. Each section remembers the settings it was drafted from
 * (its base): it is dirty when the draft differs from the base, follows changes saved elsewhere while clean, and
 * saves with the base's revision. A CONFLICT whose section was untouched elsewhere is retried at once; otherwise
 * the section shows both versions until the user chooses.
 */
export class SettingsDrafts {
  draft = $state<SettingsDraft>() as SettingsDraft;
  bases = $state.raw<Record<FormSection, Settings>>() as Record<FormSection, Settings>;
  status = $state<Record<FormSection, SectionStatus>>(
    Object.fromEntries(FORM_SECTIONS.map((s) => [s, { kind: 'idle' }])) as Record<FormSection, SectionStatus>,
  );
  errors = $state<Record<string, string>>({});
  /** Sections whose save met another writer's change to the same section: their current settings. */
  conflicts = $state.raw<Partial<Record<FormSection, Settings>>>({});

  constructor(settings: Settings) {
    this.draft = draftFrom(settings);
    this.bases = Object.fromEntries(FORM_SECTIONS.map((s) => [s, settings])) as Record<FormSection, Settings>;
  }

  dirty(section: FormSection): boolean {
    return !sameValues(
      sectionValues(this.draft, section),
      sectionValues(draftFrom(this.bases[section]), section),
    );
  }

  get dirtySections(): FormSection[] {
    return FORM_SECTIONS.filter((s) => this.dirty(s));
  }

  /** Settings saved elsewhere (another tab, the CLI): clean sections take them, drafts are kept. */
  follow(next: Settings): void {
    const bases = { ...this.bases };
    for (const section of FORM_SECTIONS) {
      if (this.dirty(section) || this.conflicts[section]) continue;
      Object.assign(this.draft, sectionValues(draftFrom(next), section));
      bases[section] = next;
    }
    this.bases = bases;
  }

  async save(section: FormSection): Promise<boolean> {
    this.status[section] = { kind: 'saving' };
    for (const key of Object.keys(this.errors)) if (key.startsWith(`${section}.`)) delete this.errors[key];
    try {
      const saved = await this.#saveFrom(section, this.bases[section]);
      this.bases = { ...this.bases, [section]: saved };
      this.status[section] = { kind: 'saved' };
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        this.conflicts = { ...this.conflicts, [section]: (err.details as { current: Settings }).current };
        this.status[section] = { kind: 'idle' };
        return false;
      }
      this.status[section] = { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
      if (err instanceof ApiError) this.errors = { ...this.errors, ...fieldErrors(err.details) };
      return false;
    }
  }

  /** Saves; when someone else saved another section meanwhile, saves again on top of theirs. */
  async #saveFrom(section: FormSection, base: Settings): Promise<Settings> {
    try {
      return await saveSettings(sectionPatch(this.draft, section, base.revision));
    } catch (err) {
      const current =
        err instanceof ApiError && err.code === 'CONFLICT'
          ? (err.details as { current?: Settings }).current
          : undefined;
      if (!current || !sameSection(current, base, section)) throw err;
      return await saveSettings(sectionPatch(this.draft, section, current.revision));
    }
  }

  async resolve(section: FormSection, choice: Resolution, sides: FieldSides): Promise<void> {
    const theirs = this.conflicts[section];
    if (!theirs) return;
    applyResolution(this.draft, theirs, section, sides);
    const { [section]: _settled, ...rest } = this.conflicts;
    this.conflicts = rest;
    this.bases = { ...this.bases, [section]: theirs };
    if (choice !== 'theirs') await this.save(section);
  }

  /** Drops the unsaved edits of every section (the user chose "discard"). */
  discard(current: Settings): void {
    for (const section of this.dirtySections)
      Object.assign(this.draft, sectionValues(draftFrom(current), section));
    this.bases = Object.fromEntries(FORM_SECTIONS.map((s) => [s, current])) as Record<FormSection, Settings>;
    this.conflicts = {};
  }
}
