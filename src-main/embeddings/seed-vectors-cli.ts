/**
 * `npm run models:seed-vectors`: recomputes graph/seed/motivgraph.minilm.json after the seed graph changed.
 * Loads the seed into a temporary embedded store, embeds it the way `motiv embed` does, writes the vectors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { loadSeedGraph } from '../graph/seed/load-seed.ts';
import { writeFileAtomic } from '../shared/atomic-write.ts';
import { projectPath } from '../shared/project-path.ts';
import { embedGraph } from './embed-graph.ts';
import { loadLocalMinilm } from './local-minilm.ts';
import { fetchMinilm, MINILM, repoModelsDir } from './minilm-files.ts';
import { encodeVector, SEED_VECTORS_FILE, textHash, type SeedVectors } from './seed-vectors.ts';

await fetchMinilm(repoModelsDir());
const embedder = await loadLocalMinilm(repoModelsDir());
const dir = mkdtempSync(join(tmpdir(), 'motiv-seed-vectors-'));
try {
  const store = EmbeddedGraphStore.open(join(dir, 'graph.sqlite'));
  await loadSeedGraph(store);
  await embedGraph(store, embedder, { actor: 'seed-vectors' });
  const dump = await store.dump();
  await store.close();
  const byId = new Map(dump.nodes.map((node) => [node.id, node]));
  const entries = dump.embeddings
    .filter((e) => e.model === MINILM.modelId)
    .flatMap((e) => {
      const node = byId.get(e.nodeId);
      if (!node) return [];
      const vector = encodeVector(Float32Array.from(e.vector));
      return [{ kind: node.kind, name: node.name, text: textHash(node), vector }];
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  const file: SeedVectors = {
    format: 'motivgraph-seed-vectors',
    formatVersion: 1,
    model: MINILM.modelId,
    dimension: MINILM.dimension,
    entries,
  };
  writeFileAtomic(projectPath(SEED_VECTORS_FILE), `${JSON.stringify(file, null, 1)}\n`, 0o644);
  process.stdout.write(`wrote ${entries.length} vectors to ${SEED_VECTORS_FILE}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await embedder.dispose();
}
