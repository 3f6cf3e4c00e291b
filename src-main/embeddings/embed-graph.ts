import type { GraphStore } from '../graph/port.ts';
import { nodeText } from '../mining/similarity.ts';
import { AppError } from '../shared/errors.ts';
import type { LocalEmbedder } from './local-minilm.ts';

export interface EmbedGraphProgress {
  model: string;
  /** Nodes that needed a vector when the job started (the rest already had one for this model). */
  total: number;
  done: number;
}

export interface EmbedGraphResult extends EmbedGraphProgress {
  /** Nodes that already had a vector for this model and were left alone. */
  skipped: number;
  cancelled: boolean;
}

export interface EmbedGraphOptions {
  actor: string;
  signal?: AbortSignal;
  onProgress?: (progress: EmbedGraphProgress) => void;
  /** Nodes embedded and written per step; each step's vectors are committed before the next starts. */
  step?: number;
}

const DEFAULT_STEP = 64;

/**
 * Gives every node without a vector for the embedder's model one. Resumable by construction: a cancelled or
 * crashed run committed whole steps, and the next run starts from the nodes still without a vector. A node
 * deleted meanwhile (NOT_FOUND) is skipped; anything else stops the job with what was written kept.
 */
export async function embedGraph(
  store: GraphStore,
  embedder: LocalEmbedder,
  options: EmbedGraphOptions,
): Promise<EmbedGraphResult> {
  const model = embedder.modelId;
  const dump = await store.dump();
  const has = new Set(dump.embeddings.filter((e) => e.model === model).map((e) => e.nodeId));
  const todo = dump.nodes.filter((node) => !has.has(node.id));
  const progress: EmbedGraphProgress = { model, total: todo.length, done: 0 };
  const step = options.step ?? DEFAULT_STEP;
  options.onProgress?.({ ...progress });
  for (let start = 0; start < todo.length; start += step) {
    if (options.signal?.aborted) return { ...progress, skipped: has.size, cancelled: true };
    const nodes = todo.slice(start, start + step);
    let vectors: Float32Array[];
    try {
      vectors = await embedder.embed(
        nodes.map((node) => nodeText(node)),
        options.signal ? { signal: options.signal } : {},
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'CANCELLED') {
        return { ...progress, skipped: has.size, cancelled: true };
      }
      throw err;
    }
    for (const [index, node] of nodes.entries()) {
      const vector = vectors[index];
      if (!vector) continue;
      try {
        await store.setEmbedding({ nodeId: node.id, model, vector }, { actor: options.actor });
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      }
    }
    progress.done += nodes.length;
    options.onProgress?.({ ...progress });
  }
  return { ...progress, skipped: has.size, cancelled: false };
}
