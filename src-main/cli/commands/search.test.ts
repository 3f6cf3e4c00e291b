import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoModelsDir } from '../../embeddings/minilm-files.ts';
import { seedSampleGraph, SAMPLE } from '../../test-support/graph-sample.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';
import { bufferIo } from '../../test-support/graph-cli-fixture.ts';

const tempDir = useTempDirs();

// `motiv search` and `motiv embed` go through graph.search / graph.embed (dispatch), with the real model files.
describe('motiv search / motiv embed', () => {
  it('searches lexically, embeds locally, then searches by vector with no endpoint', async () => {
    const dir = join(tempDir(), 'data');
    await seedSampleGraph(dir);
    const env = { MOTIV_DATA_DIR: dir, MOTIV_MODELS_DIR: repoModelsDir() };

    const vectorBefore = bufferIo(env);
    expect(await main(['search', 'intermediate thoughts', '--mode', 'vector'], vectorBefore)).not.toBe(0);
    expect(vectorBefore.stderr()).toContain('motiv embed');

    const embed = bufferIo(env);
    expect(await main(['embed'], embed)).toBe(0);
    expect(embed.stdout()).toMatch(
      /^embedded (\d+) of \1 node\(s\) with local:all-MiniLM-L6-v2-q; 0 already/,
    );

    const vector = bufferIo(env);
    const args = ['search', 'exploring a tree of partial reasoning paths', '--mode', 'vector'];
    expect(await main([...args, '--kind', 'Solution', '--json'], vector)).toBe(0);
    const result = JSON.parse(vector.stdout()) as { mode: string; hits: Array<{ node: { name: string } }> };
    expect(result.mode).toBe('vector');
    expect(result.hits[0]?.node.name).toBe(SAMPLE.solutionSearch);

    const text = bufferIo(env);
    expect(await main(['search', 'intermediate thoughts', '--limit', '2'], text)).toBe(0);
    expect(text.stdout()).toMatch(/^2 hit\(s\), hybrid search\n {2}1\. \[/);
  }, 120_000);

  it('refuses bad options with a usage error naming the option', async () => {
    const env = { MOTIV_DATA_DIR: join(tempDir(), 'data') };
    for (const [args, message] of [
      [['search', 'q', '--mode', 'fuzzy'], '--mode'],
      [['search', 'q', '--kind', 'Planet'], '--kind'],
      [['search', 'q', '--limit', '0'], '--limit'],
      [['search'], 'needs a query'],
      [['embed', 'extra'], 'no arguments'],
    ] as const) {
      const io = bufferIo(env);
      expect(await main([...args], io)).not.toBe(0);
      expect(io.stderr()).toContain(message);
    }
  });
});
