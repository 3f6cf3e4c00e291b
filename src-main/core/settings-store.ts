import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsSchema, type Settings, type SettingsPatch } from '../contract/settings.ts';
import { writeFileAtomic } from '../shared/atomic-write.ts';
import { AppError } from '../shared/errors.ts';
import { describeIssues, fieldIssues } from '../shared/zod-issues.ts';
import { migrateSettings } from './settings-migrations.ts';

export const SETTINGS_FILE_NAME = 'settings.json';

/**
 * The settings file in the data directory: read once, validated, migrated; every update is validated as a
 * whole and written atomically, so a bad value is refused and never reaches disk.
 */
export class SettingsStore {
  readonly file: string;
  #current: Settings;

  constructor(dataDir: string) {
    this.file = join(dataDir, SETTINGS_FILE_NAME);
    this.#current = this.#load();
  }

  get(): Settings {
    return structuredClone(this.#current);
  }

  update(patch: SettingsPatch): Settings {
    // Re-read first: another process on the same data dir (the CLI, a second app) may have saved since.
    this.#current = this.#load();
    const { baseRevision, ...sections } = patch;
    if (baseRevision !== undefined && baseRevision !== this.#current.revision) {
      throw new AppError(
        'CONFLICT',
        `Settings changed elsewhere since you opened them (revision ${baseRevision}, now ${this.#current.revision})`,
        { baseRevision, current: this.get() },
      );
    }
    const merged: Record<string, unknown> = { ...this.#current, revision: this.#current.revision + 1 };
    for (const [section, values] of Object.entries(sections)) {
      if (values === undefined) continue;
      merged[section] = { ...(merged[section] as object), ...values };
    }
    const parsed = SettingsSchema.safeParse(merged);
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      throw new AppError('VALIDATION', `Invalid settings: ${describeIssues(issues)}`, { issues });
    }
    writeFileAtomic(this.file, `${JSON.stringify(parsed.data, null, 2)}\n`);
    this.#current = parsed.data;
    return this.get();
  }

  #load(): Settings {
    if (!existsSync(this.file)) return SettingsSchema.parse(migrateSettings({}, this.file));
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new AppError('VALIDATION', `${this.file}: not valid JSON (${reason})`, { file: this.file });
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new AppError('VALIDATION', `${this.file}: must contain a JSON object`, { file: this.file });
    }
    const parsed = SettingsSchema.safeParse(migrateSettings(raw as Record<string, unknown>, this.file));
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      throw new AppError('VALIDATION', `${this.file}: ${describeIssues(issues)}`, {
        file: this.file,
        issues,
      });
    }
    return parsed.data;
  }
}
