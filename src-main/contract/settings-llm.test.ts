import { describe, expect, it } from 'vitest';
import { SettingsSchema } from './settings.ts';

const withBaseUrl = (baseUrl: unknown): ReturnType<typeof SettingsSchema.safeParse> =>
  SettingsSchema.safeParse({ schemaVersion: 1, llm: { baseUrl } });

describe('settings llm.baseUrl', () => {
  it('takes an http(s) endpoint or local:<path to a .gguf> for the built-in engine', () => {
    expect(withBaseUrl('http://127.0.0.1:11434/v1').success).toBe(true);
    expect(withBaseUrl('local:/home/me/models/qwen-7b.Q4_K_M.gguf').success).toBe(true);
  });

  it('refuses other schemes, an empty local path and a path that is a bomb', () => {
    for (const bad of [
      'ftp://host/v1',
      'local:',
      'local: ',
      'file:///x.gguf',
      `local:/${'a'.repeat(5_000)}`,
    ]) {
      expect(withBaseUrl(bad).success, bad.slice(0, 20)).toBe(false);
    }
  });
});
