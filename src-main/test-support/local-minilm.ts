import { afterAll, beforeAll } from 'vitest';
import { loadLocalMinilm, type LocalEmbedder } from '../embeddings/local-minilm.ts';
import { fetchMinilm, repoModelsDir } from '../embeddings/minilm-files.ts';

/** The real all-MiniLM-L6-v2 for a test file: fetched if missing, loaded once, disposed after the file. */
export function useLocalMinilm(): () => LocalEmbedder {
  let embedder: LocalEmbedder | undefined;
  beforeAll(async () => {
    await fetchMinilm(repoModelsDir());
    embedder = await loadLocalMinilm(repoModelsDir());
  }, 120_000);
  afterAll(async () => embedder?.dispose());
  return () => {
    if (!embedder) throw new Error('the model is loaded in beforeAll');
    return embedder;
  };
}

/** Cosine of two unit vectors. */
export const cosine = (a: Float32Array, b: Float32Array): number =>
  a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
