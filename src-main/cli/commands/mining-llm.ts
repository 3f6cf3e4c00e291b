import type { Core } from '../../core/create-core.ts';
import type { ResolvedLlmConfig } from '../../llm/index.ts';
import { embeddingsConfigured, LOCAL_MODEL_MISSING_NOTE } from '../../mining/similarity.ts';
import { AppError } from '../../shared/errors.ts';
import type { CliIo } from '../io.ts';

/**
 * The mining service's LLM endpoint for `motiv mine` and `motiv hierarchy`, or null (after saying why, in the
 * CLI's words) when none is configured; also says which similarity merging will use.
 */
export function miningLlmConfig(core: Core, io: CliIo, command: string): ResolvedLlmConfig | null {
  let config: ResolvedLlmConfig;
  try {
    config = core.services.mining.llmConfig();
  } catch (err) {
    const noEndpoint =
      err instanceof AppError && err.code === 'LLM_NOT_CONFIGURED' && !core.connection().llm.configured;
    if (!noEndpoint) throw err;
    io.err(
      `motiv ${command}: no LLM endpoint configured. Set MOTIV_LLM_BASE_URL (an OpenAI-compatible /v1 URL, e.g. ` +
        'http://127.0.0.1:11434/v1 for Ollama) or MOTIV_LLM_API_KEY for OpenAI, or llm.baseUrl in the settings. ' +
        'The extractor model can be set apart with MOTIV_LLM_EXTRACTOR_MODEL.\n',
    );
    return null;
  }
  // The same order as mining/similarity.ts chooseSimilarity: the endpoint only where the graph holds no MiniLM vectors.
  const local = core.services.mining.localModelPresent();
  if (embeddingsConfigured(config)) {
    const instead = local
      ? ' (the local all-MiniLM-L6-v2 model instead where the graph holds its vectors)'
      : '';
    io.err(`similarity: embeddings from ${config.models.embeddings}${instead}\n`);
  } else if (local) io.err('similarity: the local all-MiniLM-L6-v2 model\n');
  else io.err(`${LOCAL_MODEL_MISSING_NOTE}\n`);
  return config;
}
