import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { loadSeedGraph } from '../graph/seed/load-seed.ts';
import { projectPath } from '../shared/project-path.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { MINILM } from './minilm-files.ts';
import { attachSeedVectors, SEED_VECTORS_FILE, type SeedVectors } from './seed-vectors.ts';

const tempDir = useTempDirs();
let store: EmbeddedGraphStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

async function seededStore(): Promise<EmbeddedGraphStore> {
  store = EmbeddedGraphStore.open(join(tempDir(), 'graph.sqlite'));
  await loadSeedGraph(store);
  return store;
}

const shipped = (): SeedVectors =>
  JSON.parse(readFileSync(projectPath(SEED_VECTORS_FILE), 'utf8')) as SeedVectors;

function writeVariant(change: (file: SeedVectors) => unknown): string {
  const path = join(tempDir(), 'vectors.json');
  writeFileSync(path, JSON.stringify(change(shipped())));
  return path;
}

describe("the seed graph's shipped MiniLM vectors", () => {
  it('match the seed as shipped: every node gets its vector, none is stale (rerun models:seed-vectors if not)', async () => {
    const s = await seededStore();
    const outcome = await attachSeedVectors(s, 'test');
    const nodes = Object.values((await s.stats()).nodes).reduce((a, b) => a + b, 0);
    expect(outcome).toEqual({ attached: nodes, stale: 0 });
    expect((await s.stats()).embeddings).toEqual([{ model: MINILM.modelId, dimension: 384, count: nodes }]);
  });

  it('skip a vector whose node text changed, or whose bytes are damaged, and attach the rest', async () => {
    const s = await seededStore();
    const file = writeVariant((f) => {
      const [first, second] = f.entries;
      if (first) first.text = '0000000000000000';
      if (second) second.vector = Buffer.from([1, 2, 3]).toString('base64');
      return f;
    });
    const outcome = await attachSeedVectors(s, 'test', file);
    expect(outcome.stale).toBe(2);
    expect(outcome.attached).toBe(shipped().entries.length - 2);
  });

  it('attach nothing and throw nothing for a missing, malformed or other-model file', async () => {
    const s = await seededStore();
    expect(await attachSeedVectors(s, 'test', join(tempDir(), 'none.json'))).toMatchObject({ attached: 0 });
    const notJson = join(tempDir(), 'bad.json');
    writeFileSync(notJson, '{"format": ');
    expect((await attachSeedVectors(s, 'test', notJson)).skipped).toContain('bad.json');
    const otherModel = writeVariant((f) => ({ ...f, model: 'text-embedding-3-small' }));
    expect((await attachSeedVectors(s, 'test', otherModel)).skipped).toContain(
      'not local:all-MiniLM-L6-v2-q',
    );
    const wrongShape = writeVariant((f) => ({
      ...f,
      entries: [{ kind: 'Planet', name: 'x', text: 'y', vector: '' }],
    }));
    expect((await attachSeedVectors(s, 'test', wrongShape)).attached).toBe(0);
    expect((await s.stats()).embeddings).toEqual([]);
  });
});
