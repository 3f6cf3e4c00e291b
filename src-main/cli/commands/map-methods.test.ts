import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AtlasMapResult } from '../../contract/atlas.ts';
import { repoModelsDir } from '../../embeddings/minilm-files.ts';
import { bufferIo } from '../../test-support/graph-cli-fixture.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';

const tempDir = useTempDirs();

async function solutionCount(env: NodeJS.ProcessEnv): Promise<number> {
  const io = bufferIo(env);
  expect(await main(['graph', 'stats', '--json'], io)).toBe(0);
  return (JSON.parse(io.stdout()) as { nodes: { Solution: number } }).nodes.Solution;
}

// The seeded embedded store of a fresh data directory, the local model from the repository's cache; no
// endpoint is configured, so nothing could be sent anywhere.
describe('motiv graph map-methods', { timeout: 120_000 }, () => {
  it('previews with --dry-run (nothing written), proposes on the real run, and a rerun writes nothing', async () => {
    const env = { MOTIV_DATA_DIR: join(tempDir(), 'data'), MOTIV_MODELS_DIR: repoModelsDir() };
    const before = await solutionCount(env);

    const preview = bufferIo(env);
    expect(await main(['graph', 'map-methods', '--dry-run', '--json'], preview)).toBe(0);
    const planned = JSON.parse(preview.stdout()) as AtlasMapResult;
    expect(planned.written).toBeNull();
    expect(planned.plan.methods.length).toBeGreaterThan(10);
    expect(planned.plan.methods.find((m) => m.methodId === 'selp')?.matches[0]).toMatchObject({
      challengeName: 'Spatiotemporal relation errors in generated robot plans',
      status: 'new',
    });
    expect(await solutionCount(env)).toBe(before);

    const run = bufferIo(env);
    expect(await main(['graph', 'map-methods'], run)).toBe(0);
    expect(run.stdout()).toMatch(
      /SELP.*Spatiotemporal relation errors in generated robot plans\s+0\.\d\d\s+proposed\s+exists/,
    );
    expect(run.stdout()).toContain(`wrote ${planned.plan.methods.length} method node(s)`);
    expect(await solutionCount(env)).toBe(before + planned.plan.methods.length);

    const again = bufferIo(env);
    expect(await main(['graph', 'map-methods'], again)).toBe(0);
    expect(again.stdout()).toContain('wrote 0 method node(s) and 0 edge(s)');
  });

  it('says what is wrong with an unknown option', async () => {
    const io = bufferIo({ MOTIV_DATA_DIR: join(tempDir(), 'data') });
    expect(await main(['graph', 'map-methods', '--apply-all'], io)).not.toBe(0);
    expect(io.stderr()).toMatch(/apply-all/);
  });
});
