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
    // The handle from before the switch is refused with a clear error, never sent to the new store.
    await expect(first.stats()).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'graph.store' },
    });
    expect((await second.stats()).schemaVersion).toBeGreaterThan(0);

    await lazy.close();
    await expect(second.stats()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('lets a write already running on the old store finish there, then closes it; later calls are refused', async () => {
    const dir = tempDir();
    let key = 'a';
    const lazy = createLazyGraphStore(
      async () => EmbeddedGraphStore.open(join(dir, `${key}.sqlite`)),
      () => key,
    );
    const first = await lazy.get();
    const running = first.upsertNode(
      { kind: 'Problem', name: 'Started before the switch' },
      { actor: 'ada' },
    );
    key = 'b';
    const second = await lazy.get();
    const { node } = await running;
    await expect(
      first.upsertNode({ kind: 'Problem', name: 'After the switch' }, { actor: 'ada' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/nothing was written/) });
    await lazy.close();

    const storeA = EmbeddedGraphStore.open(join(dir, 'a.sqlite'));
    const storeB = EmbeddedGraphStore.open(join(dir, 'b.sqlite'));
    try {
      expect((await storeA.getNode(node.id))?.name).toBe('Started before the switch');
      expect(await storeA.getNodeByName('Problem', 'After the switch')).toBeNull();
      expect(await storeB.getNode(node.id)).toBeNull();
      expect(await storeB.getNodeByName('Problem', 'After the switch')).toBeNull();
    } finally {
      await storeA.close();
      await storeB.close();
    }
    expect(second).not.toBe(first);
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
