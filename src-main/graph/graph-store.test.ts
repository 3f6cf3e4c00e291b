import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
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

describe('GraphStore over one embedded connection', () => {
  it('keeps concurrent operations apart: each write is its own transaction, a stale version loses cleanly', async () => {
    const store = EmbeddedGraphStore.open(join(dir, 'concurrent.sqlite'));
    try {
      const { node } = await store.upsertNode({ kind: 'Problem', name: 'Shared problem' }, alice);
      // Many writers and readers at once: the shared rules await between statements, so without the driver's
      // queue a second BEGIN would land inside the first transaction.
      const edits = Array.from({ length: 20 }, (_, i) =>
        store.updateNode({ id: node.id, expectedVersion: 1, patch: { description: `edit ${i}` } }, alice),
      );
      const creates = Array.from({ length: 20 }, (_, i) =>
        store.upsertNode({ kind: 'Challenge', name: `Challenge ${i}` }, alice),
      );
      const reads = Array.from({ length: 20 }, () => store.getNode(node.id));
      const [edited, created, read] = await Promise.all([
        Promise.allSettled(edits),
        Promise.all(creates),
        Promise.all(reads),
      ]);
      expect(edited.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of edited.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
        expect(((r as PromiseRejectedResult).reason as AppError).code).toBe('CONFLICT');
      }
      expect(created.every((c) => c.created)).toBe(true);
      expect(read.every((n) => n?.id === node.id)).toBe(true);
      expect((await store.getNode(node.id))?.version).toBe(2);
      expect((await store.stats()).nodes.Challenge).toBe(20);
    } finally {
      await store.close();
    }
  });
});
