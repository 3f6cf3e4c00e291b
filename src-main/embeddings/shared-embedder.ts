import { loadLocalMinilm, type LocalEmbedder } from './local-minilm.ts';

/**
 * One loaded model per models folder for the whole process: the search box, the embed job and every core in a
 * test share it (~70 MB, ~0.3 s to load). A failed load (files missing) is not remembered, so fetching the files
 * later makes the next call work without a restart.
 */
const loaded = new Map<string, Promise<LocalEmbedder>>();

export function sharedLocalEmbedder(modelsDir: string): Promise<LocalEmbedder> {
  let embedder = loaded.get(modelsDir);
  if (!embedder) {
    embedder = loadLocalMinilm(modelsDir);
    loaded.set(modelsDir, embedder);
    embedder.catch(() => loaded.delete(modelsDir));
  }
  return embedder;
}
