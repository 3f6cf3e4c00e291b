import type { GraphNode } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { DEFAULT_BASE_URL, embed } from '../llm/index.ts';
import type { LlmClient, ResolvedLlmConfig } from '../llm/index.ts';
import { LEXICAL_METHOD, lexicalVectors, normalise } from './lexical-vectors.ts';

/**
 * Where node vectors for merging and hierarchy come from: the configured embeddings endpoint (vectors are stored
 * in the graph, so vector search gains them too, and only nodes lacking one are embedded), or, with none
 * configured, the lexical fallback. The method's name goes into every report so a result never hides which one
 * produced it.
 */

export interface SimilarityMethod {
  /** `embeddings:<model>` or `lexical:tfidf-cosine`. */
  readonly name: string;
  /** Why this method was chosen, for the user (set for the fallback). */
  readonly note?: string;
  /** One unit vector per node, in order. */
  vectors(nodes: readonly GraphNode[], stored: Map<string, number[]> | undefined): Promise<Float32Array[]>;
  /** The stored-vector model to read from a snapshot, when there is one. */
  readonly model?: string;
  /** The merge threshold calibrated for this method, used while the user's setting is the default. */
  readonly defaultThreshold?: number;
}

/**
 * An embeddings model counts as configured when the user named one (MOTIV_LLM_EMBEDDINGS_MODEL or the settings),
 * or when the endpoint is OpenAI's own with a key (its default embedding model exists there). A local server has
 * no `text-embedding-3-small`, so the default name alone is not trusted.
 */
export function embeddingsConfigured(config: ResolvedLlmConfig): boolean {
  return (
    config.sources.models.embeddings !== 'default' ||
    (config.baseUrl === DEFAULT_BASE_URL && config.apiKey.isSet)
  );
}

export const NO_EMBEDDINGS_NOTE =
  'No embeddings endpoint is configured (set MOTIV_LLM_EMBEDDINGS_MODEL to a model your endpoint serves, e.g. ' +
  'all-minilm on Ollama): similarity falls back to lexical TF-IDF cosine, which misses paraphrases.';

/** The fallback's note when neither the local model nor an endpoint's embeddings are there. */
export const LOCAL_MODEL_MISSING_NOTE =
  'The local embedding model (all-MiniLM-L6-v2) is not installed or cannot be loaded: run "npm run models:fetch" ' +
  '(or "motiv embed", which fetches it), or set MOTIV_LLM_EMBEDDINGS_MODEL to a model your endpoint serves. Until ' +
  'then similarity falls back to lexical TF-IDF cosine, which misses paraphrases.';

export const nodeText = (node: { name: string; description: string }): string =>
  node.description ? `${node.name}: ${node.description}` : node.name;

export function lexicalSimilarity(note = NO_EMBEDDINGS_NOTE): SimilarityMethod {
  return {
    name: LEXICAL_METHOD,
    note,
    vectors: async (nodes) => lexicalVectors(nodes),
  };
}

const EMBED_BATCH = 64;

export function embeddingSimilarity(
  client: LlmClient,
  store: GraphStore,
  options: { actor: string; signal?: AbortSignal; sessionId?: string },
): SimilarityMethod {
  const model = client.config.models.embeddings;
  return {
    name: `embeddings:${model}`,
    model,
    vectors: async (nodes, stored) => {
      const out: Array<Float32Array | undefined> = nodes.map((n) => {
        const v = stored?.get(n.id);
        return v ? normalise(Float32Array.from(v)) : undefined;
      });
      const missing = nodes.map((n, i) => ({ n, i })).filter(({ i }) => out[i] === undefined);
      for (let start = 0; start < missing.length; start += EMBED_BATCH) {
        const batch = missing.slice(start, start + EMBED_BATCH);
        const vectors = await embed(
          client,
          batch.map(({ n }) => nodeText(n)),
          {
            model,
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.sessionId ? { tags: { sessionId: options.sessionId } } : {}),
          },
        );
        for (const [j, { n, i }] of batch.entries()) {
          const vector = vectors[j] ?? [];
          await store.setEmbedding({ nodeId: n.id, model, vector }, { actor: options.actor });
          out[i] = normalise(Float32Array.from(vector));
        }
      }
      return out.map((v) => v ?? new Float32Array(0));
    },
  };
}

/** A sentence embedder in this process (the local MiniLM, embeddings/local-minilm.ts), as mining needs it. */
export interface TextEmbedder {
  readonly modelId: string;
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/**
 * The local MiniLM's merge threshold, calibrated on labelled same/different pairs (mining/README.md, "Merge
 * threshold"; pinned in merge-calibration.test.ts). Used while the setting is at its default, which was set for
 * endpoint embeddings; a threshold the user chose wins.
 */
export const MINILM_MERGE_THRESHOLD = 0.9;

/**
 * Similarity from the local model: the graph's stored vectors of that model where present (the ones search
 * uses), the rest embedded in memory. Nothing is written: storing vectors is the embed-on-write store's and
 * `motiv embed`'s job, which keep a graph's vectors all of one model.
 */
export function localSimilarity(
  embedder: TextEmbedder,
  options: { signal?: AbortSignal } = {},
): SimilarityMethod {
  return {
    name: `embeddings:${embedder.modelId}`,
    model: embedder.modelId,
    defaultThreshold: MINILM_MERGE_THRESHOLD,
    vectors: async (nodes, stored) => {
      const out = nodes.map((n) => {
        const v = stored?.get(n.id);
        return v ? normalise(Float32Array.from(v)) : undefined;
      });
      const missing = nodes.map((n, i) => ({ n, i })).filter(({ i }) => out[i] === undefined);
      if (missing.length > 0) {
        const signal = options.signal ? { signal: options.signal } : {};
        const vectors = await embedder.embed(
          missing.map(({ n }) => nodeText(n)),
          signal,
        );
        for (const [j, { i }] of missing.entries()) out[i] = vectors[j];
      }
      return out.map((v) => v ?? new Float32Array(0));
    },
  };
}

/** The threshold a merge uses: the user's setting, or the method's calibrated one while the setting is the default. */
export function mergeThreshold(setting: number, settingDefault: number, method: SimilarityMethod): number {
  return setting === settingDefault && method.defaultThreshold !== undefined
    ? method.defaultThreshold
    : setting;
}

/**
 * The method for this configuration, one for merging and hierarchy alike: the local MiniLM when its files are
 * present (`local`) and either the graph already holds its vectors (search uses them: candidates agree with
 * search) or no endpoint embeddings model is configured; else the endpoint's embeddings when configured; else the
 * lexical fallback, whose note says the model files are missing and how to get them.
 */
export async function chooseSimilarity(
  client: LlmClient,
  store: GraphStore,
  options: { actor: string; signal?: AbortSignal; sessionId?: string; local?: TextEmbedder | null },
): Promise<SimilarityMethod> {
  const { local, ...rest } = options;
  const endpoint = embeddingsConfigured(client.config);
  if (local) {
    const stored = (await store.stats()).embeddings.some((m) => m.model === local.modelId);
    if (stored || !endpoint) return localSimilarity(local, rest.signal ? { signal: rest.signal } : {});
  }
  return endpoint ? embeddingSimilarity(client, store, rest) : lexicalSimilarity(LOCAL_MODEL_MISSING_NOTE);
}
