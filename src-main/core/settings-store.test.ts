import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from '../contract/settings.ts';
import { AppError } from '../shared/errors.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { SettingsStore } from './settings-store.ts';

const tempDir = useTempDirs();

describe('SettingsStore', () => {
  it('starts from defaults without writing a file, and persists an update across instances', () => {
    const dir = tempDir();
    const first = new SettingsStore(dir);
    expect(first.get().ideation.maxRounds).toBe(5);
    expect(() => statSync(first.file)).toThrow();

    first.update({ ideation: { maxRounds: 8 }, appearance: { theme: 'dark' } });
    const second = new SettingsStore(dir);
    expect(second.get().ideation).toEqual({ ideasPerTopic: 3, maxRounds: 8 });
    expect(second.get().appearance).toEqual({ theme: 'dark', density: 'comfortable' });
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
  });

  it('a parsed patch changes only the fields it names, in every section', () => {
    const store = new SettingsStore(tempDir());
    store.update(SettingsPatchSchema.parse({ ideation: { ideasPerTopic: 7 }, mining: { k: 9 } }));
    store.update(SettingsPatchSchema.parse({ ideation: { maxRounds: 2 }, mining: { concurrency: 4 } }));
    expect(store.get().ideation).toEqual({ ideasPerTopic: 7, maxRounds: 2 });
    expect(store.get().mining).toMatchObject({ k: 9, concurrency: 4 });
    for (const section of Object.keys(SettingsPatchSchema.shape).filter((k) => k !== 'baseRevision')) {
      expect(SettingsPatchSchema.parse({ [section]: {} })).toEqual({ [section]: {} });
    }
  });

  it('refuses an invalid update and leaves the file as it was', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir);
    store.update({ profile: { displayName: 'Ada' } });
    const before = readFileSync(store.file, 'utf8');
    expect(() => store.update({ ideation: { maxRounds: 0 } })).toThrow(AppError);
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    expect(store.get().ideation.maxRounds).toBe(5);
  });

  it('migrates a file written before versioning', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ profile: { displayName: 'Old' } }));
    const store = new SettingsStore(dir);
    expect(store.get()).toMatchObject({ schemaVersion: 1, profile: { displayName: 'Old' } });
  });

  it('names the file and the field when the file is broken', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{ "schemaVersion": 1, ');
    expect(() => new SettingsStore(dir)).toThrow(`${file}: not valid JSON`);

    writeFileSync(file, JSON.stringify({ schemaVersion: 1, ideation: { maxRounds: 'ten' } }));
    expect(() => new SettingsStore(dir)).toThrow(/ideation\.maxRounds/);

    writeFileSync(file, JSON.stringify({ schemaVersion: 99 }));
    expect(() => new SettingsStore(dir)).toThrow(/newer than this app understands/);
  });

  it('a save from a stale revision is a CONFLICT carrying the current settings; no revision keeps last-writer-wins', () => {
    const dir = tempDir();
    const tab = new SettingsStore(dir);
    const otherProcess = new SettingsStore(dir);
    const opened = tab.get().revision;
    expect(opened).toBe(0);
    expect(otherProcess.update({ baseRevision: 0, appearance: { theme: 'light' } }).revision).toBe(1);

    let conflict: unknown = null;
    try {
      tab.update({ baseRevision: opened, appearance: { theme: 'dark' } });
    } catch (err) {
      conflict = err;
    }
    expect(conflict).toBeInstanceOf(AppError);
    expect((conflict as AppError).code).toBe('CONFLICT');
    expect((conflict as AppError).details).toMatchObject({
      baseRevision: 0,
      current: { revision: 1, appearance: { theme: 'light' } },
    });
    expect(new SettingsStore(dir).get().appearance.theme).toBe('light');

    // Keep mine = save again from the revision just seen; the CLI's patch carries none and always applies.
    expect(tab.update({ baseRevision: 1, appearance: { theme: 'dark' } }).revision).toBe(2);
    expect(otherProcess.update({ profile: { displayName: 'cli' } })).toMatchObject({
      revision: 3,
      appearance: { theme: 'dark' },
    });
  });
});
