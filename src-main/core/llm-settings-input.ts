import type { Settings } from '../contract/settings.ts';
import type { LlmSettingsInput } from '../llm/config.ts';
import type { StoredSecretReader } from './config.ts';

/**
 * What `resolveLlmConfig` takes from the app's side: the settings file's endpoint and model, and the API key
 * from the encrypted secret store (env still wins inside resolveLlmConfig).
 */
export function llmSettingsInput(settings: Settings, stored: StoredSecretReader): LlmSettingsInput {
  return {
    baseUrl: settings.llm.baseUrl,
    model: settings.llm.model,
    models: settings.llm.models,
    apiKey: stored('llm.apiKey'),
  };
}
