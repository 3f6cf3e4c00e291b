import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createLazyGraphStore } from './lazy-graph-store.ts';

const tempDir = useTempDirs();

describe('createLazyGraphStore', () => {
  it('opens once on first use, reopens when the configured store changes, and closes', async () => {
    const dir = tempDir();
    let key = 'a';
    let opens = 0;
    const lazy = createLazyGraphStore(
      async () => {
        opens++;
        return EmbeddedGraphStore.open(join(dir, `${key}.sqlite`));
      },
      () => key,
    );
    expect(opens).toBe(0);
    const [first, again] = await Promise.all([lazy.get(), lazy.get()]);
    expect(first).toBe(again);
    expect(opens).toBe(1);

    key = 'b';
    const second = await lazy.get();
    expect(second).not.toBe(first);
    await expect(first.stats()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect((await second.stats()).schemaVersion).toBeGreaterThan(0);

    await lazy.close();
    await expect(second.stats()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('retries an open that failed instead of caching the failure', async () => {
    const dir = tempDir();
    let fail = true;
    const lazy = createLazyGraphStore(
      async () => {
        if (fail) throw new Error('server down');
        return EmbeddedGraphStore.open(join(dir, 'g.sqlite'));
      },
      () => 'same',
    );
    await expect(lazy.get()).rejects.toThrow('server down');
    fail = false;
    expect((await (await lazy.get()).stats()).nodes.Problem).toBe(0);
    await lazy.close();
  });
});
