import { afterAll } from 'vitest';
import { repoModelsDir } from '../embeddings/minilm-files.ts';
import { createLlmClient, resolveLlmConfig, UsageLedger } from '../llm/index.ts';
import type { LlmClient } from '../llm/index.ts';
import { disposeLocalModels } from '../local-llm/engine.ts';
import { smollm2Path } from '../local-llm/test-model.ts';

/**
 * The real-model lane's client: the LLM layer on the built-in engine with SmolLM2-135M (fetched by the global
 * setup), one thread, a ledger. The model is freed after the file's tests.
 */
export interface LocalClientOptions {
  threads?: number;
  /** MOTIV_LLM_MAX_TOKENS: the cap on calls that set none (the extractor and the agents set none). */
  maxTokens?: number;
}

export function useLocalModel(): { path: string; client: (options?: LocalClientOptions) => LlmClient } {
  afterAll(async () => {
    await disposeLocalModels();
  });
  const path = smollm2Path(repoModelsDir());
  return {
    path,
    client: ({ threads = 1, maxTokens }: LocalClientOptions = {}) =>
      createLlmClient(
        resolveLlmConfig(
          { baseUrl: `local:${path}` },
          {
            MOTIV_LLM_THREADS: String(threads),
            ...(maxTokens ? { MOTIV_LLM_MAX_TOKENS: String(maxTokens) } : {}),
          },
        ),
        { ledger: new UsageLedger(), retry: { maxAttempts: 1 } },
      ),
  };
}
