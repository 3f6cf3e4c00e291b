import { describe, expect, it } from 'vitest';
import {
  applyPreset,
  LLM_PRESETS,
  localModelPath,
  presetOf,
  presetWouldDrop,
  type LlmPresetId,
} from './llm-presets.ts';
import type { SettingsDraft } from './settings-form.ts';

const preset = (id: LlmPresetId): (typeof LLM_PRESETS)[number] => {
  const found = LLM_PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};
const NO_MODELS = { researcher: '', mentor: '', judge: '', extractor: '', embeddings: '' };
/** The form's fields as drafted from settings whose base URL is `baseUrl` ('' = none). */
const draftFrom = (baseUrl: string): SettingsDraft => ({
  theme: 'system',
  density: 'comfortable',
  displayName: '',
  ideasPerTopic: 3,
  maxRounds: 5,
  llmBaseUrl: baseUrl,
  llmModel: '',
  llmRoleModels: { ...NO_MODELS },
  llmRoleEndpoints: { ...NO_MODELS },
  neo4jUri: '',
  neo4jUser: '',
  neo4jDatabase: '',
});

describe('LLM endpoint presets', () => {
  it('every preset but Local gives an http(s) …/v1 base URL, and is recognised from it', () => {
    for (const p of LLM_PRESETS.filter((p) => p.id !== 'local')) {
      expect(new URL(p.baseUrl).protocol).toMatch(/^https?:$/);
      expect(p.baseUrl).toMatch(/\/v1$/);
      expect(presetOf(`${p.baseUrl}/`)?.id).toBe(p.id);
    }
    expect(presetOf('local:/m/x.gguf')?.id).toBe('local');
    expect(presetOf('http://10.0.0.2:9999/v1')).toBeUndefined();
  });

  it('fills the base URL over the saved value; Local keeps a path already typed', () => {
    const draft = draftFrom('https://api.openai.com/v1');
    expect(presetWouldDrop(draft, draft, preset('ollama'))).toBeNull();
    applyPreset(draft, preset('ollama'));
    expect(draft.llmBaseUrl).toBe('http://127.0.0.1:11434/v1');
    draft.llmBaseUrl = 'local:/models/a.gguf';
    applyPreset(draft, preset('local'));
    expect(localModelPath(draft.llmBaseUrl)).toBe('/models/a.gguf');
  });

  it('an unsaved base URL is named before a preset replaces it (and not when the preset gives the same)', () => {
    const base = draftFrom('');
    const draft = draftFrom('');
    draft.llmBaseUrl = 'http://gpu-box.lab:8000/v1';
    expect(presetWouldDrop(draft, base, preset('lmstudio'))).toBe('http://gpu-box.lab:8000/v1');
    draft.llmBaseUrl = 'http://127.0.0.1:1234/v1';
    expect(presetWouldDrop(draft, base, preset('lmstudio'))).toBeNull();
    draft.llmBaseUrl = 'local:/models/a.gguf';
    expect(presetWouldDrop(draft, base, preset('local'))).toBeNull();
    expect(presetWouldDrop(draft, base, preset('vllm'))).toBe('local:/models/a.gguf');
    // What another preset filled in was not typed: switching presets asks nothing.
    for (const filled of ['http://127.0.0.1:8000/v1', 'local:']) {
      draft.llmBaseUrl = filled;
      expect(presetWouldDrop(draft, base, preset('openai'))).toBeNull();
    }
  });
});
