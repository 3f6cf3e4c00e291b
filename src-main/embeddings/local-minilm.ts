import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { AppError } from '../shared/errors.ts';
import { meanPoolNormalised } from './mean-pool.ts';
import { MINILM, minilmPresent, modelMissingError } from './minilm-files.ts';

/**
 * all-MiniLM-L6-v2 in this process through transformers.js (onnxruntime-node underneath, CPU): mean-pooled,
 * L2-normalised 384-d vectors, the sentence-transformers recipe. Local files only; nothing is ever fetched from
 * a model hub.
 */
export interface LocalEmbedder {
  /** The id stored with every vector (`MINILM.modelId`). */
  readonly modelId: string;
  readonly dimension: number;
  /** One unit vector per text, in order. Batched internally; the signal is checked between batches. */
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface LocalEmbedderOptions {
  /** onnxruntime intra-op threads. One by default: the app shares the machine with the UI and the store. */
  threads?: number;
  /** Texts per forward pass: padding to the longest text in a batch makes big batches of mixed length waste. */
  batchSize?: number;
}

// Measured on the seed graph (bench/local.ts): 8 per pass beat 16, 32 and 64 texts/s on CPU.
const DEFAULT_BATCH = 8;

/** Loads the model from `<modelsDir>/all-MiniLM-L6-v2-q`; MODEL_MISSING when the files are not there. */
export async function loadLocalMinilm(
  modelsDir: string,
  options: LocalEmbedderOptions = {},
): Promise<LocalEmbedder> {
  if (!minilmPresent(modelsDir)) throw modelMissingError(modelsDir);
  // Imported on first use: onnxruntime's native library costs start-up time every command would pay.
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${modelsDir}/`;
  const threads = options.threads ?? 1;
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline('feature-extraction', MINILM.folder, {
      dtype: 'q8',
      device: 'cpu',
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    });
  } catch (err) {
    throw new AppError(
      'MODEL_DAMAGED',
      `The local embedding model in ${modelsDir} cannot be loaded (${err instanceof Error ? err.message : String(err)}). Delete that folder and run "npm run models:fetch" again.`,
      { folder: modelsDir },
    );
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const { tokenizer, model } = extractor;
  const forward = async (batch: string[]): Promise<Float32Array[]> => {
    const inputs = tokenizer(batch, { padding: true, truncation: true });
    const hidden = hiddenStates(await model(inputs));
    const [rows = 0, tokens = 0, dimension = 0] = hidden.dims;
    const mask = inputs.attention_mask.data;
    if (!(mask instanceof BigInt64Array) || dimension !== MINILM.dimension) {
      throw new Error(`unexpected model output [${hidden.dims.join(', ')}]`);
    }
    return meanPoolNormalised(hidden.data, mask, rows, tokens, dimension);
  };
  return {
    modelId: MINILM.modelId,
    dimension: MINILM.dimension,
    async embed(texts, embedOptions = {}) {
      const lines = texts.map(oneLine);
      // Batches of similar length: each batch is padded to its longest text, so mixing lengths wastes work.
      // Sorting by token count instead pads ~11% less (+15% texts/s on the seed) but changes which texts share a
      // batch, and the quantized model scales activations per batch: every vector would move (cosine ≥ 0.987).
      const order = sortedByLength(lines);
      const vectors: Float32Array[] = new Array<Float32Array>(lines.length);
      for (let start = 0; start < order.length; start += batchSize) {
        if (embedOptions.signal?.aborted) throw new AppError('CANCELLED', 'Embedding was cancelled');
        const indices = order.slice(start, start + batchSize);
        const batchVectors = await forward(indices.map((i) => lines[i] ?? ''));
        indices.forEach((textIndex, row) => {
          vectors[textIndex] = batchVectors[row] ?? new Float32Array(MINILM.dimension);
        });
      }
      return vectors;
    },
    dispose: () => extractor.dispose(),
  };
}

const sortedByLength = (lines: readonly string[]): number[] =>
  lines.map((_, i) => i).sort((a, b) => (lines[a]?.length ?? 0) - (lines[b]?.length ?? 0));

/** The model's `last_hidden_state` (transformers.js types a model's output as `any`). */
function hiddenStates(output: unknown): { data: Float32Array; dims: number[] } {
  const state = (output as { last_hidden_state?: { data?: unknown; dims?: unknown } } | null)
    ?.last_hidden_state;
  if (!(state?.data instanceof Float32Array) || !Array.isArray(state.dims)) {
    throw new Error('the model returned no last_hidden_state');
  }
  return { data: state.data, dims: state.dims.map(Number) };
}

// An empty string still gets [CLS][SEP] and a vector; whitespace runs carry no meaning for the tokenizer.
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
