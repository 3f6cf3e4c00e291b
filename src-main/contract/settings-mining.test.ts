import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema, SettingsSchema } from './settings.ts';
import { MINING_DEFAULTS } from './settings-mining.ts';

describe('mining settings', () => {
  it('fills the section with defaults when an older file lacks it (review stays on by default)', () => {
    const settings = SettingsSchema.parse({ schemaVersion: 1 });
    expect(settings.mining).toEqual(MINING_DEFAULTS);
    expect(settings.mining.autoApprove).toBe(false);
  });

  it('takes a partial patch and refuses out-of-range values, naming the field', () => {
    // Only the named field: a patch must not reset the others to their defaults.
    expect(SettingsPatchSchema.parse({ mining: { k: 8 } })).toEqual({ mining: { k: 8 } });
    const result = SettingsSchema.safeParse({ schemaVersion: 1, mining: { similarityThreshold: 1.5 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['mining', 'similarityThreshold']);
  });
});
