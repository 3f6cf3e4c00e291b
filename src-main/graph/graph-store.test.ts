import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from './embedded/embedded-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'motiv-graph-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const alice = { actor: 'alice' };

describe('GraphStore stats', () => {
  it('answers repeated stats from one reading until the graph changes, by this store or another writer', async () => {
    const path = join(dir, 'stats.sqlite');
    const store = EmbeddedGraphStore.open(path);
    const other = EmbeddedGraphStore.open(path);
    try {
      await store.upsertNode({ kind: 'Problem', name: 'Sparse rewards' }, alice);
      const first = await store.stats();
      expect(await store.stats()).toBe(first);
      expect(Object.isFrozen(first.nodes)).toBe(true);

      await store.upsertNode({ kind: 'Problem', name: 'Credit assignment' }, alice);
      const afterOwnWrite = await store.stats();
      expect(afterOwnWrite).not.toBe(first);
      expect(afterOwnWrite.nodes.Problem).toBe(2);

      // Another connection's commit moves the stamp too: never a stale count.
      await other.upsertNode({ kind: 'Challenge', name: 'Exploration' }, alice);
      const afterOtherWrite = await store.stats();
      expect(afterOtherWrite.nodes.Challenge).toBe(1);
      expect(await store.stats()).toBe(afterOtherWrite);
    } finally {
      await store.close();
      await other.close();
    }
  });
});
