import { describe, expect, it } from 'vitest';
import {
  baseUrlWouldDrop,
  LLM_PRESETS,
  localModelPath,
  presetBaseUrl,
  presetOf,
  type LlmPresetId,
} from './llm-presets.ts';

const preset = (id: LlmPresetId): (typeof LLM_PRESETS)[number] => {
  const found = LLM_PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};
describe('LLM endpoint presets', () => {
  it('every preset but Local gives an http(s) …/v1 base URL, and is recognised from it', () => {
    for (const p of LLM_PRESETS.filter((p) => p.id !== 'local')) {
      expect(new URL(p.baseUrl).protocol).toMatch(/^https?:$/);
      expect(p.baseUrl).toMatch(/\/v1$/);
      expect(presetOf(`${p.baseUrl}/`)?.id).toBe(p.id);
    }
    expect(presetOf('local:/m/x.gguf')?.id).toBe('local');
    expect(presetOf('https://openrouter.ai/api/v1')).toMatchObject({ id: 'openrouter', needsKey: true });
    expect(presetOf('http://10.0.0.2:9999/v1')).toBeUndefined();
  });

  it('fills the base URL over the saved value; Local keeps a path already typed', () => {
    const saved = 'https://api.openai.com/v1';
    expect(baseUrlWouldDrop(saved, saved, preset('ollama'))).toBeNull();
    expect(presetBaseUrl(preset('ollama'), saved)).toBe('http://127.0.0.1:11434/v1');
    expect(localModelPath(presetBaseUrl(preset('local'), 'local:/models/a.gguf'))).toBe('/models/a.gguf');
  });

  it('an unsaved base URL is named before a preset replaces it (and not when the preset gives the same)', () => {
    const drops = (current: string, id: LlmPresetId): string | null =>
      baseUrlWouldDrop(current, '', preset(id));
    expect(drops('http://gpu-box.lab:8000/v1', 'lmstudio')).toBe('http://gpu-box.lab:8000/v1');
    expect(drops('http://127.0.0.1:1234/v1', 'lmstudio')).toBeNull();
    expect(drops('local:/models/a.gguf', 'local')).toBeNull();
    expect(drops('local:/models/a.gguf', 'vllm')).toBe('local:/models/a.gguf');
    // What another preset filled in was not typed: switching presets asks nothing.
    for (const filled of ['http://127.0.0.1:8000/v1', 'local:', 'https://openrouter.ai/api/v1']) {
      expect(drops(filled, 'openai')).toBeNull();
    }
  });
});
