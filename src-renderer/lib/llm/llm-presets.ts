/**
 * Endpoint presets for Settings → LLM and the welcome's setup step: each fills a base URL (the shared one, or an agent's own endpoint) and
 * says which model to name there. Local servers and the built-in engine need no API key.
 */

export type LlmPresetId = 'openai' | 'openrouter' | 'ollama' | 'lmstudio' | 'vllm' | 'local';

export interface LlmPreset {
  id: LlmPresetId;
  label: string;
  /** The base URL it fills; the Local (GGUF) preset fills `local:` followed by the model file's path. */
  baseUrl: string;
  /** Shown in the empty model field: what to type there for this endpoint. */
  modelPlaceholder: string;
  needsKey: boolean;
}

export const LOCAL_SCHEME = 'local:';

export const LLM_PRESETS: readonly LlmPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    modelPlaceholder: 'gpt-4o-mini',
    needsKey: true,
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    modelPlaceholder: 'provider/model, e.g. openai/gpt-4o-mini',
    needsKey: true,
  },
  {
    id: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    modelPlaceholder: 'e.g. llama3.1:8b (ollama list)',
    needsKey: false,
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    modelPlaceholder: 'the model id LM Studio shows, e.g. qwen2.5-7b-instruct',
    needsKey: false,
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://127.0.0.1:8000/v1',
    modelPlaceholder: 'the served model, e.g. Qwen/Qwen2.5-7B-Instruct',
    needsKey: false,
  },
  {
    id: 'local',
    label: 'Local (GGUF)',
    baseUrl: LOCAL_SCHEME,
    modelPlaceholder: 'not needed: the .gguf file is the model',
    needsKey: false,
  },
];

export const isLocalBaseUrl = (baseUrl: string): boolean => baseUrl.trim().startsWith(LOCAL_SCHEME);

/** The model file of a `local:<path>` base URL ('' for any other). */
export const localModelPath = (baseUrl: string): string =>
  isLocalBaseUrl(baseUrl) ? baseUrl.trim().slice(LOCAL_SCHEME.length) : '';

/** The preset whose endpoint `baseUrl` is, if any (trailing slashes ignored). */
export function presetOf(baseUrl: string): LlmPreset | undefined {
  if (isLocalBaseUrl(baseUrl)) return LLM_PRESETS.find((p) => p.id === 'local');
  const given = baseUrl.trim().replace(/\/+$/, '');
  return LLM_PRESETS.find((p) => p.id !== 'local' && p.baseUrl === given);
}

/** The base URL a preset gives: a Local (GGUF) preset keeps a model path already typed. */
export function presetBaseUrl(preset: LlmPreset, current: string): string {
  if (preset.id !== 'local') return preset.baseUrl;
  return LOCAL_SCHEME + localModelPath(current);
}

/** A value a preset click puts there (a bare `local:` too): replacing it loses nothing the user typed. */
const isPresetValue = (baseUrl: string): boolean =>
  baseUrl === LOCAL_SCHEME || LLM_PRESETS.some((p) => p.baseUrl === baseUrl);

/**
 * The unsaved base URL a preset would overwrite, or null when applying it loses nothing: the field holds the
 * saved value, nothing, another preset's value, or already what this preset gives.
 */
export function baseUrlWouldDrop(current: string, saved: string, preset: LlmPreset): string | null {
  const given = current.trim();
  if (given === saved.trim() || given === '' || isPresetValue(given)) return null;
  if (given === presetBaseUrl(preset, given)) return null;
  return given;
}
