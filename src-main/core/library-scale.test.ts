import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryListResponse, LibrarySearchResponse } from '../contract/library.ts';
import { channelCaller, resultCaller } from '../test-support/core-calls.ts';
import { seedLibraryScale } from '../test-support/library-seed.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';

/**
 * The library at 10,000 ideas (100 sessions × 100): every store is read in a few whole-table queries, so a
 * listing costs the same whatever the number of sessions. The figures are printed; the bounds leave room for a
 * shared CI machine (the first listing also builds the search index for every idea).
 */

const tempDir = useTempDirs();
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: Math.round(performance.now() - start) };
}

describe('library at 10,000 ideas', () => {
  it('lists, refreshes by cursor and searches within bounds', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    seedLibraryScale(dataDir, 100, 100);
    core = createCore({ env: { MOTIV_DATA_DIR: dataDir, MOTIV_SEED: 'off' } });
    const lib = resultCaller(channelCaller(core));

    const cold = await timed(() => lib<LibraryListResponse>('library.list', {}));
    expect(cold.value.entries).toHaveLength(10_000);
    const warm = await timed(() => lib<LibraryListResponse>('library.list', {}));
    await lib('library.update', { ideaId: 's42-i7', baseRevision: 0, tags: ['scale'] });
    const delta = await timed(() =>
      lib<LibraryListResponse>('library.list', { changedSince: warm.value.cursor }),
    );
    expect(delta.value.entries.map((e) => e.id)).toEqual(['s42-i7']);
    const search = await timed(() => lib<LibrarySearchResponse>('library.search', { query: 'w42x7' }));
    expect(search.value.hits[0]?.id).toBe('s42-i7');
    const figures = { coldMs: cold.ms, warmMs: warm.ms, changedSinceMs: delta.ms, searchMs: search.ms };
    console.info('library at 10,000 ideas', figures);
    expect(warm.ms).toBeLessThan(3_000);
    expect(delta.ms).toBeLessThan(3_000);
    expect(search.ms).toBeLessThan(3_000);
  });
});
