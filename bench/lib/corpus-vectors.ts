import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLocalMinilm } from '../../src-main/embeddings/local-minilm.ts';
import { fetchMinilm, MINILM, repoModelsDir } from '../../src-main/embeddings/minilm-files.ts';
import { nodeText } from '../../src-main/mining/similarity.ts';
import { projectPath } from '../../src-main/shared/project-path.ts';
import type { RealisticCorpus } from './realistic-corpus.ts';

/**
 * The real MiniLM vectors of a benchmark corpus, embedded once and cached in `.cache/bench-vectors/` as raw
 * float32 (n × 384), keyed by the model file's pinned sha256 and the corpus hash: another model or another corpus
 * never reads stale vectors. The first run embeds everything (minutes at 40k nodes on one core).
 */

export interface CorpusVectors {
  vectors: Float32Array[];
  /** True when they came from the cache; else `embedSeconds` is the time embedding took. */
  cached: boolean;
  embedSeconds: number;
  file: string;
}

const modelSha = (): string => (MINILM.entries[0]?.sha256 ?? 'unknown').slice(0, 16);

export async function corpusVectors(
  corpus: RealisticCorpus,
  log: (line: string) => void = console.error,
): Promise<CorpusVectors> {
  const dimension = MINILM.dimension;
  const dir = projectPath('.cache', 'bench-vectors');
  const file = join(dir, `minilm-${modelSha()}-${corpus.hash.slice(0, 16)}-${corpus.nodes.length}.f32`);
  const split = (data: Float32Array): Float32Array[] =>
    Array.from({ length: corpus.nodes.length }, (_, i) => data.subarray(i * dimension, (i + 1) * dimension));
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    if (bytes.length === corpus.nodes.length * dimension * 4) {
      const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
      return { vectors: split(Float32Array.from(data)), cached: true, embedSeconds: 0, file };
    }
    log(`${file} has the wrong size; embedding again`);
  }
  await fetchMinilm(repoModelsDir(), { log });
  const embedder = await loadLocalMinilm(repoModelsDir(), { threads: 1 });
  const start = performance.now();
  const data = new Float32Array(corpus.nodes.length * dimension);
  const chunk = 2_000;
  try {
    for (let from = 0; from < corpus.nodes.length; from += chunk) {
      const texts = corpus.nodes.slice(from, from + chunk).map(nodeText);
      const vectors = await embedder.embed(texts);
      vectors.forEach((v, j) => data.set(v, (from + j) * dimension));
      const seconds = (performance.now() - start) / 1000;
      log(`embedded ${from + texts.length} of ${corpus.nodes.length} node texts (${seconds.toFixed(0)} s)`);
    }
  } finally {
    await embedder.dispose();
  }
  const embedSeconds = (performance.now() - start) / 1000;
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, new Uint8Array(data.buffer));
  renameSync(tmp, file); // whole or not at all: a crash mid-write leaves no half a cache
  return { vectors: split(data), cached: false, embedSeconds, file };
}
