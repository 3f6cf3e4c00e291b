import { describe, expect, it } from 'vitest';
import type { AddEdgeInput } from '../../port.ts';
import { alice, bob, DIM, expectAppError, MODEL, node, snapshot, vec } from './helpers.ts';
import type { GetStore } from './helpers.ts';

export function registerEdgeTests(getStore: GetStore): void {
  describe('edges', () => {
    it('adds allowed edges idempotently with provenance', async () => {
      const store = getStore();
      const p = await node(store, 'Problem', 'P');
      const c = await node(store, 'Challenge', 'C');
      const first = await store.addEdge(
        { type: 'HAS_CHALLENGE', from: p.id, to: c.id, origin: 'mined' },
        alice,
      );
      expect(first.created).toBe(true);
      expect(first.edge).toMatchObject({
        type: 'HAS_CHALLENGE',
        from: p.id,
        to: c.id,
        origin: 'mined',
        review: 'proposed',
        createdBy: 'alice',
        version: 1,
        props: {},
      });
      const again = await store.addEdge({ type: 'HAS_CHALLENGE', from: p.id, to: c.id }, bob);
      expect(again).toEqual({ edge: first.edge, created: false });
      expect(await store.getEdge(first.edge.id)).toEqual(first.edge);
      const idea = await node(store, 'Idea', 'I');
      const cites = await store.addEdge(
        { type: 'CITES', from: idea.id, to: c.id, props: { ideaVersion: 2 } },
        alice,
      );
      expect(cites.edge.props).toEqual({ ideaVersion: 2 });
    });

    it('refuses bad edges with typed errors and leaves the store unchanged', async () => {
      const store = getStore();
      const p = await node(store, 'Problem', 'P');
      const p2 = await node(store, 'Problem', 'P2');
      const c = await node(store, 'Challenge', 'C');
      const s = await node(store, 'Solution', 'S');
      const before = await snapshot(store);
      const cases: Array<[AddEdgeInput, string, string]> = [
        [{ type: 'PARENT_OF', from: p.id, to: p.id }, 'VALIDATION', 'to'],
        [{ type: 'PARENT_OF', from: p.id, to: c.id }, 'VALIDATION', 'type'],
        [{ type: 'HAS_CHALLENGE', from: c.id, to: p.id }, 'VALIDATION', 'type'],
        [{ type: 'SOLVED_BY', from: p.id, to: s.id }, 'VALIDATION', 'type'],
        [{ type: 'EXTRACTED_FROM', from: p.id, to: p2.id }, 'VALIDATION', 'type'],
        [{ type: 'CITES', from: p.id, to: s.id }, 'VALIDATION', 'type'],
        [{ type: 'MENTIONS' as 'CITES', from: p.id, to: p2.id }, 'VALIDATION', 'type'],
        [{ type: 'HAS_CHALLENGE', from: p.id, to: 'dangling' }, 'NOT_FOUND', 'to'],
        [{ type: 'HAS_CHALLENGE', from: 'dangling', to: c.id }, 'NOT_FOUND', 'from'],
      ];
      for (const [input, code, field] of cases)
        await expectAppError(store.addEdge(input, alice), code, field);
      expect(await snapshot(store)).toEqual(before);
    });

    it('updates an edge review with a version check and removes it', async () => {
      const store = getStore();
      const c = await node(store, 'Challenge', 'C');
      const s = await node(store, 'Solution', 'S');
      const { edge } = await store.addEdge({ type: 'SOLVED_BY', from: c.id, to: s.id }, alice);
      const approved = await store.updateEdge(
        { id: edge.id, expectedVersion: 1, patch: { review: 'approved' } },
        bob,
      );
      expect(approved).toMatchObject({
        review: 'approved',
        version: 2,
        updatedBy: 'bob',
        createdBy: 'alice',
      });
      await expectAppError(
        store.updateEdge({ id: edge.id, expectedVersion: 1, patch: { review: 'rejected' } }, alice),
        'CONFLICT',
        'expectedVersion',
      );
      await expectAppError(store.removeEdge({ id: edge.id, expectedVersion: 1 }, alice), 'CONFLICT');
      await store.removeEdge({ id: edge.id, expectedVersion: 2 }, alice);
      expect(await store.getEdge(edge.id)).toBeNull();
      await expectAppError(store.removeEdge({ id: edge.id }, alice), 'NOT_FOUND', 'id');
      const actions = (await store.auditLog({ entityId: edge.id })).map((e) => e.action);
      expect(actions).toEqual(['edge.delete', 'edge.update', 'edge.create']);
    });
  });

  describe('merge', () => {
    it('re-points edges, keeps aliases and provenance, and deletes the dropped node', async () => {
      const store = getStore();
      const keep = await node(store, 'Challenge', 'Forgetting old tasks', {
        aliases: ['old-task forgetting'],
      });
      const drop = await node(store, 'Challenge', 'Loss of prior knowledge', {
        description: 'Prior knowledge erodes.',
        aliases: ['knowledge loss'],
      });
      const problem = await node(store, 'Problem', 'Continual learning');
      const solution = await node(store, 'Solution', 'Replay');
      const paperA = await node(store, 'Paper', 'Paper A');
      const paperB = await node(store, 'Paper', 'Paper B');
      const parent = await node(store, 'Challenge', 'Knowledge retention', { level: 1 });
      await store.addEdge({ type: 'HAS_CHALLENGE', from: problem.id, to: keep.id }, alice);
      await store.addEdge({ type: 'HAS_CHALLENGE', from: problem.id, to: drop.id }, alice); // becomes a duplicate
      await store.addEdge({ type: 'SOLVED_BY', from: drop.id, to: solution.id }, alice);
      await store.addEdge({ type: 'EXTRACTED_FROM', from: keep.id, to: paperA.id }, alice);
      await store.addEdge({ type: 'EXTRACTED_FROM', from: drop.id, to: paperB.id }, alice);
      await store.addEdge({ type: 'PARENT_OF', from: parent.id, to: drop.id }, alice);
      await store.addEdge({ type: 'PARENT_OF', from: keep.id, to: drop.id }, alice); // would loop onto keep
      await store.setEmbedding({ nodeId: drop.id, model: MODEL, vector: vec(DIM, 3) }, alice);

      const merged = await store.mergeNodes(
        { keepId: keep.id, dropId: drop.id, expectedKeepVersion: 1 },
        bob,
      );
      expect(merged.id).toBe(keep.id);
      expect(merged.aliases).toEqual(['old-task forgetting', 'Loss of prior knowledge', 'knowledge loss']);
      expect(merged.description).toBe('Prior knowledge erodes.');
      expect(merged).toMatchObject({ version: 2, updatedBy: 'bob', level: 0 });
      expect(await store.getNode(drop.id)).toBeNull();
      expect(await store.getEmbedding(keep.id, MODEL)).toEqual(vec(DIM, 3));

      const relation = await store.nodeRelation(keep.id);
      const ids = (list: Array<{ node: { id: string } }>) => list.map((r) => r.node.id).sort();
      expect(ids(relation.neighbours.HAS_CHALLENGE.incoming)).toEqual([problem.id]);
      expect(ids(relation.neighbours.SOLVED_BY.outgoing)).toEqual([solution.id]);
      expect(ids(relation.neighbours.EXTRACTED_FROM.outgoing)).toEqual([paperA.id, paperB.id].sort());
      expect(ids(relation.neighbours.PARENT_OF.incoming)).toEqual([parent.id]);
      expect(relation.neighbours.PARENT_OF.outgoing).toEqual([]);
      const stats = await store.stats();
      expect(stats.edges).toMatchObject({ HAS_CHALLENGE: 1, SOLVED_BY: 1, EXTRACTED_FROM: 2, PARENT_OF: 1 });
      expect((await store.auditLog({ entityId: keep.id }))[0]).toMatchObject({
        action: 'node.merge',
        actor: 'bob',
        before: { keep: { id: keep.id }, drop: { id: drop.id } },
      });
      expect((await store.auditLog({ entityId: drop.id }))[0]).toMatchObject({
        after: { mergedInto: keep.id },
      });
    });

    it('refuses merging different kinds, a node into itself, stale versions and missing nodes', async () => {
      const store = getStore();
      const p = await node(store, 'Problem', 'P');
      const c = await node(store, 'Challenge', 'C');
      const c2 = await node(store, 'Challenge', 'C2');
      const before = await snapshot(store);
      await expectAppError(store.mergeNodes({ keepId: p.id, dropId: c.id }, alice), 'VALIDATION', 'dropId');
      await expectAppError(store.mergeNodes({ keepId: c.id, dropId: c.id }, alice), 'VALIDATION', 'dropId');
      await expectAppError(
        store.mergeNodes({ keepId: c.id, dropId: c2.id, expectedDropVersion: 5 }, alice),
        'CONFLICT',
        'expectedVersion',
      );
      await expectAppError(
        store.mergeNodes({ keepId: c.id, dropId: 'missing' }, alice),
        'NOT_FOUND',
        'dropId',
      );
      expect(await snapshot(store)).toEqual(before);
    });
  });
}
