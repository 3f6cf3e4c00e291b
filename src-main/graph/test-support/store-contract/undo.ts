import { describe, expect, it } from 'vitest';
import type { GraphEdge } from '../../model.ts';
import type { GraphStore, MergeRecord } from '../../port.ts';
import { alice, bob, DIM, expectAppError, MODEL, node, snapshot, vec } from './helpers.ts';
import type { GetStore } from './helpers.ts';

/** A problem with two challenges (one embedded) and a paper it was mined from. */
async function neighbourhood(store: GraphStore): Promise<Record<'p' | 'c1' | 'c2' | 'paper', string>> {
  const p = await node(store, 'Problem', 'Slow planning');
  const c1 = await node(store, 'Challenge', 'Sparse rewards');
  const c2 = await node(store, 'Challenge', 'Long horizons');
  const paper = await node(store, 'Paper', 'A paper', { props: { authors: ['A. Author'] } });
  await store.addEdge({ type: 'HAS_CHALLENGE', from: p.id, to: c1.id }, alice);
  await store.addEdge({ type: 'HAS_CHALLENGE', from: p.id, to: c2.id }, alice);
  await store.addEdge({ type: 'EXTRACTED_FROM', from: p.id, to: paper.id }, alice);
  await store.setEmbedding({ nodeId: p.id, model: MODEL, vector: vec(DIM, 1) }, alice);
  return { p: p.id, c1: c1.id, c2: c2.id, paper: paper.id };
}

const edgeKeys = (edges: GraphEdge[]): string[] => edges.map((e) => `${e.from}>${e.type}>${e.to}`).sort();

async function recordedMerge(store: GraphStore, keepId: string, dropId: string): Promise<MergeRecord> {
  const { node: kept, step, keepBefore } = await store.mergeNodesRecorded({ keepId, dropId }, alice);
  return { keepBefore, keepVersion: kept.version, steps: [step] };
}

export function registerUndoTests(getStore: GetStore): void {
  describe('undo of delete and merge', () => {
    it('restores a deleted node as it was, with its edges and vector, and logs the restore', async () => {
      const store = getStore();
      const ids = await neighbourhood(store);
      const before = await store.getNode(ids.p);
      const edgesBefore = (await store.subgraph({ ids: [ids.p], depth: 1 })).edges;
      const record = await store.deleteNode({ id: ids.p }, alice);
      expect(record.edges).toHaveLength(3);
      expect(await store.getNode(ids.p)).toBeNull();

      const result = await store.restoreDeleted(JSON.parse(JSON.stringify(record)), bob);
      expect(result.edgesSkipped).toEqual([]);
      expect(await store.getNode(ids.p)).toEqual(before);
      const edgesAfter = (await store.subgraph({ ids: [ids.p], depth: 1 })).edges;
      expect(edgesAfter.map((e) => e.id).sort()).toEqual(edgesBefore.map((e) => e.id).sort());
      expect(await store.getEmbedding(ids.p, MODEL)).toEqual(vec(DIM, 1));
      const [last] = await store.auditLog({ entityId: ids.p, limit: 1 });
      expect(last).toMatchObject({ action: 'node.restore', actor: 'bob', before: null });
    });

    it('after a second writer re-created one neighbour and edited another: restores what fits, reports the rest', async () => {
      const store = getStore();
      const ids = await neighbourhood(store);
      const record = await store.deleteNode({ id: ids.p }, alice);
      await store.deleteNode({ id: ids.c1 }, bob);
      const recreated = await node(store, 'Challenge', 'Sparse rewards');
      const c2 = await store.getNode(ids.c2);
      const patch = { description: 'edited by bob' };
      await store.updateNode({ id: ids.c2, expectedVersion: c2?.version ?? 0, patch }, bob);

      const result = await store.restoreDeleted(record, alice);
      expect(result.edgesSkipped).toEqual([
        { edge: expect.objectContaining({ to: ids.c1 }), reason: 'endpoint-missing' },
      ]);
      expect(edgeKeys(result.edgesRestored)).toEqual(edgeKeys(record.edges.filter((e) => e.to !== ids.c1)));
      expect((await store.getNode(ids.c2))?.description).toBe('edited by bob');
      expect(await store.getNode(recreated.id)).not.toBeNull();
    });

    it('refuses a restore when the id or the name is taken since, writing nothing', async () => {
      const store = getStore();
      const ids = await neighbourhood(store);
      const record = await store.deleteNode({ id: ids.p }, alice);
      await store.restoreDeleted(record, alice);
      const unchanged = await snapshot(store);
      await expectAppError(store.restoreDeleted(record, alice), 'CONFLICT', 'node.id');
      expect(await snapshot(store)).toEqual(unchanged);

      const again = await store.deleteNode({ id: ids.p }, alice);
      await node(store, 'Problem', 'slow planning.');
      const taken = await snapshot(store);
      await expectAppError(store.restoreDeleted(again, alice), 'CONFLICT', 'node.name');
      expect(await snapshot(store)).toEqual(taken);
    });

    it('unmerges: both nodes back, edges moved back, the duplicate edge re-added, names and vectors as before', async () => {
      const store = getStore();
      const ids = await neighbourhood(store);
      const twin = await node(store, 'Problem', 'Planning is slow', { aliases: ['sluggish planning'] });
      await store.addEdge({ type: 'HAS_CHALLENGE', from: twin.id, to: ids.c1 }, alice); // duplicate after merge
      const c3 = await node(store, 'Challenge', 'Noisy sensors');
      await store.addEdge({ type: 'HAS_CHALLENGE', from: twin.id, to: c3.id }, alice); // moves
      const keepBefore = await store.getNode(twin.id);
      const dropBefore = await store.getNode(ids.p);
      const edgesBefore = edgeKeys((await store.dump()).edges);

      const record = await recordedMerge(store, twin.id, ids.p);
      expect(record.steps[0]?.adoptedModels).toEqual([MODEL]);
      expect(await store.getNode(ids.p)).toBeNull();
      const result = await store.unmerge(JSON.parse(JSON.stringify(record)), bob);

      expect(result.edgesSkipped).toEqual([]);
      expect(await store.getNode(ids.p)).toEqual(dropBefore);
      const keep = await store.getNode(twin.id);
      expect(keep).toMatchObject({ name: keepBefore?.name, aliases: keepBefore?.aliases, updatedBy: 'bob' });
      expect(keep?.version).toBe(record.keepVersion + 1);
      expect(edgeKeys((await store.dump()).edges)).toEqual(edgesBefore);
      expect(await store.getEmbedding(twin.id, MODEL)).toBeNull();
      expect(await store.getEmbedding(ids.p, MODEL)).toEqual(vec(DIM, 1));
      const audit = await store.auditLog({ entityId: twin.id, limit: 1 });
      expect(audit[0]).toMatchObject({ action: 'node.unmerge', actor: 'bob' });
    });

    it('refuses an unmerge after a second writer edited the keeper: CONFLICT with both versions, their edit kept', async () => {
      const store = getStore();
      const ids = await neighbourhood(store);
      const twin = await node(store, 'Problem', 'Planning is slow');
      const record = await recordedMerge(store, twin.id, ids.p);
      const edited = await store.updateNode(
        { id: twin.id, expectedVersion: record.keepVersion, patch: { description: 'bob was here' } },
        bob,
      );
      const unchanged = await snapshot(store);

      const error = await expectAppError(store.unmerge(record, alice), 'CONFLICT', 'keepVersion');
      expect(error.details).toMatchObject({
        currentVersion: edited.version,
        expectedVersion: record.keepVersion,
        current: { description: 'bob was here' },
        beforeMerge: { name: 'Planning is slow' },
      });
      expect(await snapshot(store)).toEqual(unchanged);
    });

    it('answers hostile undo records with typed errors and writes nothing', async () => {
      const store = getStore();
      const ids = await neighbourhood(store);
      const solution = await node(store, 'Solution', 'Curriculum');
      const record = await store.deleteNode({ id: ids.p }, alice);
      const unchanged = await snapshot(store);
      const [first] = record.edges;
      if (!first) throw new Error('fixture has edges');
      const hostile: Array<[unknown, string | RegExp]> = [
        [null, '(root)'],
        [{ ...record, node: { ...record.node, kind: 'Spaceship' } }, /^node/],
        [{ ...record, edges: [{ ...first, from: ids.c1, to: ids.c2 }] }, 'edges.0'],
        [{ ...record, edges: [{ ...first, type: 'SOLVED_BY', to: solution.id }] }, 'edges.0.type'],
        [{ ...record, edges: Array.from({ length: 10_000 }, () => first) }, 'edges'],
        [{ ...record, vectors: [{ nodeId: ids.c1, model: MODEL, vector: vec(DIM, 2) }] }, 'vectors.0.nodeId'],
        [{ ...record, vectors: [{ nodeId: ids.p, model: MODEL, vector: [1, 2] }] }, 'vector'],
      ];
      for (const [bad, field] of hostile) {
        await expectAppError(store.restoreDeleted(bad, alice), 'VALIDATION', field);
        expect(await snapshot(store)).toEqual(unchanged);
      }
      const merge = { keepBefore: solution, keepVersion: solution.version, steps: [] };
      await expectAppError(store.unmerge(merge, alice), 'VALIDATION', 'steps');
      const wrongKind = {
        ...merge,
        steps: [{ drop: record.node, dropVectors: [], moved: [], removed: [], adoptedModels: [] }],
      };
      await expectAppError(store.unmerge(wrongKind, alice), 'VALIDATION', 'steps.0.drop.kind');
      expect(await snapshot(store)).toEqual(unchanged);
    });
  });
}
