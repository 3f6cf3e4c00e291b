import type { Core } from '../../core/create-core.ts';
import { effectivePrices } from '../../llm/index.ts';
import type { PriceTable, ResolvedLlmConfig } from '../../llm/index.ts';
import { embeddingsConfigured, NO_EMBEDDINGS_NOTE } from '../../mining/similarity.ts';
import type { CliIo } from '../io.ts';

/** The LLM endpoint for `motiv mine` and `motiv hierarchy`, or null (after saying why) when none is configured. */
export function miningLlmConfig(core: Core, io: CliIo, command: string): ResolvedLlmConfig | null {
  // The core's one loader (core/config.ts): env wins; otherwise the settings and the stored key.
  const loaded = core.connection();
  const config = loaded.readLlm();
  if (!loaded.llm.configured) {
    io.err(
      `motiv ${command}: no LLM endpoint configured. Set MOTIV_LLM_BASE_URL (an OpenAI-compatible /v1 URL, e.g. ` +
        'http://127.0.0.1:11434/v1 for Ollama) or MOTIV_LLM_API_KEY for OpenAI, or llm.baseUrl in the settings. ' +
        'The extractor model can be set apart with MOTIV_LLM_EXTRACTOR_MODEL.\n',
    );
    return null;
  }
  if (!embeddingsConfigured(config)) io.err(`${NO_EMBEDDINGS_NOTE}\n`);
  else io.err(`similarity: embeddings from ${config.models.embeddings}\n`);
  return config;
}

/** The built-in price table with the user's overrides (Settings → Prices). */
export const pricesOf = (core: Core): PriceTable => effectivePrices(core.settings.get().prices.overrides);

export const actorOf = (core: Core): string => core.settings.get().profile.displayName || 'cli';
