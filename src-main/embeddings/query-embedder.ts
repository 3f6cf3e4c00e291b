import { AppError } from '../shared/errors.ts';
import { MINILM } from './minilm-files.ts';
import { sharedLocalEmbedder } from './shared-embedder.ts';

/**
 * The search box's query embedder when no endpoint is configured: the local model for the local model's
 * vectors. Vectors of another model cannot be matched without that model's endpoint, and a query is never
 * compared with vectors of a different model. Missing model files: MODEL_MISSING, which says how to get them.
 */
export function localQueryEmbedder(modelsDir: string): (text: string, model: string) => Promise<number[]> {
  return async (text, model) => {
    if (model !== MINILM.modelId) {
      throw new AppError(
        'UNAVAILABLE',
        `the graph's vectors were made with "${model}" and no embeddings endpoint is configured to embed the query with it (Settings → LLM), or run "motiv embed" for local vectors`,
        { field: 'mode', model },
      );
    }
    const [vector] = await (await sharedLocalEmbedder(modelsDir)).embed([text]);
    if (!vector) throw new AppError('INTERNAL', 'the local model returned no vector');
    return Array.from(vector);
  };
}
