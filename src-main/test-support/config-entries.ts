import { expect } from 'vitest';
import type { ConfigEntry } from '../contract/doctor.ts';

/** The data directory a `loadConfig` test passes when the test is not about it. */
export const DEFAULT_DATA_DIR = { value: '/data', source: 'default' as const };

/** The doctor's entry for `key`, if any. */
export const entryOf = (entries: ConfigEntry[], key: string): ConfigEntry | undefined =>
  entries.find((e) => e.key === key);

/** Asserts the entry for `key` is exactly `expected` (not secret unless it says so): no extra or missing field. */
export function expectEntry(
  entries: ConfigEntry[],
  key: string,
  expected: Omit<ConfigEntry, 'key' | 'secret'> & { secret?: boolean },
): void {
  expect(entryOf(entries, key)).toEqual({ key, secret: false, ...expected });
}

/** Asserts each named entry has at least the given fields (the rest is not what the test is about). */
export function expectEntriesToMatch(
  entries: ConfigEntry[],
  expected: Record<string, Partial<ConfigEntry>>,
): void {
  for (const [key, fields] of Object.entries(expected))
    expect(entryOf(entries, key), key).toMatchObject(fields);
}
