import { describe, expect, it } from 'vitest';
import { PROTOCOL_PRESETS, ProtocolSettingSchema } from '../src-main/contract/protocol.ts';
import { PRESET_LABELS, PRESETS } from '../src-renderer/features/evaluate/protocol-form.ts';

describe('protocol presets', () => {
  it('the CLI and the protocol form offer one and the same table of named settings', () => {
    expect(PRESETS).toBe(PROTOCOL_PRESETS);
    expect(Object.keys(PRESET_LABELS).sort()).toEqual(Object.keys(PROTOCOL_PRESETS).sort());
  });

  it('every preset is a valid protocol setting named by its key', () => {
    for (const [key, preset] of Object.entries(PROTOCOL_PRESETS)) {
      expect(ProtocolSettingSchema.parse(preset)).toEqual(preset);
      expect(preset.name).toBe(key);
    }
  });
});
