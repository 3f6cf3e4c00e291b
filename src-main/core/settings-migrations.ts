import { AppError } from '../shared/errors.ts';
import { SETTINGS_SCHEMA_VERSION } from '../contract/settings.ts';

/**
 * Ordered migrations of the raw settings object. Migration `n` turns a file of schemaVersion n-1 into n.
 * A file without schemaVersion predates versioning (or is empty) and counts as version 0.
 */
type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

const migrations: Record<number, Migration> = {
  1: (raw) => ({ ...raw, schemaVersion: 1 }),
};

export function migrateSettings(raw: Record<string, unknown>, file: string): Record<string, unknown> {
  const found = raw['schemaVersion'] ?? 0;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
    throw new AppError('VALIDATION', `${file}: field "schemaVersion" must be a non-negative integer`, {
      file,
      field: 'schemaVersion',
    });
  }
  if (found > SETTINGS_SCHEMA_VERSION) {
    throw new AppError(
      'VALIDATION',
      `${file}: settings schemaVersion ${found} is newer than this app understands (${SETTINGS_SCHEMA_VERSION}); update the app`,
      { file, field: 'schemaVersion' },
    );
  }
  let current = raw;
  for (let version = found + 1; version <= SETTINGS_SCHEMA_VERSION; version++) {
    const step = migrations[version];
    if (!step) throw new AppError('INTERNAL', `missing settings migration to version ${version}`);
    current = step(current);
  }
  return current;
}
