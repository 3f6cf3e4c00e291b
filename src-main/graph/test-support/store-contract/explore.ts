import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../model.ts';
import type { GraphStore } from '../../port.ts';
import { alice, expectAppError, node } from './helpers.ts';
import type { GetStore } from './helpers.ts';

/** root ⊃ mid ⊃ p (PARENT_OF), p → c1, c2 (HAS_CHALLENGE), c1 → s1, s2 (SOLVED_BY), p → paper. */
async function seedHierarchy(store: GraphStore) {
  const root = await node(store, 'Problem', 'Learning systems', { level: 2 });
  const mid = await node(store, 'Problem', 'Lifelong learning', { level: 1 });
  const p = await node(store, 'Problem', 'Catastrophic forgetting');
  const sibling = await node(store, 'Problem', 'Plasticity loss');
  const c1 = await node(store, 'Challenge', 'Interference between tasks');
  const c2 = await node(store, 'Challenge', 'No access to old data');
  const s1 = await node(store, 'Solution', 'Replay');
  const s2 = await node(store, 'Solution', 'Regularisation');
  const paper = await node(store, 'Paper', 'Overcoming catastrophic forgetting');
  const add = (
    type: 'PARENT_OF' | 'HAS_CHALLENGE' | 'SOLVED_BY' | 'EXTRACTED_FROM',
    a: GraphNode,
    b: GraphNode,
  ) => store.addEdge({ type, from: a.id, to: b.id }, alice);
  await add('PARENT_OF', root, mid);
  await add('PARENT_OF', mid, p);
  await add('PARENT_OF', mid, sibling);
  await add('HAS_CHALLENGE', p, c1);
  await add('HAS_CHALLENGE', p, c2);
  await add('SOLVED_BY', c1, s1);
  await add('SOLVED_BY', c1, s2);
  await add('EXTRACTED_FROM', p, paper);
  return { root, mid, p, sibling, c1, c2, s1, s2, paper };
}

const chainNames = (chains: Array<{ problem: GraphNode; challenge: GraphNode; solution?: GraphNode }>) =>
  chains.map((ch) => [ch.problem.name, ch.challenge.name, ch.solution?.name ?? null]).sort();

export function registerExploreTests(getStore: GetStore): void {
  describe('node_relation', () => {
    it('gives the description, neighbours by edge type, hierarchy both ways and P→C→S chains', async () => {
      const store = getStore();
      const g = await seedHierarchy(store);
      const rel = await store.nodeRelation(g.p.id);
      expect(rel.node.id).toBe(g.p.id);
      expect(rel.description).toBe(g.p.description);
      expect(rel.neighbours.HAS_CHALLENGE.outgoing.map((r) => r.node.name)).toEqual(
        [g.c1.name, g.c2.name].sort(),
      );
      expect(rel.neighbours.HAS_CHALLENGE.outgoing[0]?.edge.type).toBe('HAS_CHALLENGE');
      expect(rel.neighbours.PARENT_OF.incoming.map((r) => r.node.id)).toEqual([g.mid.id]);
      expect(rel.neighbours.EXTRACTED_FROM.outgoing.map((r) => r.node.id)).toEqual([g.paper.id]);
      expect(rel.neighbours.SOLVED_BY).toEqual({ outgoing: [], incoming: [] });
      expect(rel.ancestors.map((a) => [a.node.id, a.depth])).toEqual([
        [g.mid.id, 1],
        [g.root.id, 2],
      ]);
      expect(rel.descendants).toEqual([]);
      expect(chainNames(rel.chains)).toEqual(
        [
          [g.p.name, g.c1.name, g.s1.name],
          [g.p.name, g.c1.name, g.s2.name],
          [g.p.name, g.c2.name, null],
        ].sort(),
      );
      const rootRel = await store.nodeRelation(g.root.id, { hierarchyDepth: 1 });
      expect(rootRel.descendants.map((d) => d.node.id)).toEqual([g.mid.id]);
      const deep = await store.nodeRelation(g.root.id);
      expect(deep.descendants.map((d) => d.depth)).toEqual([1, 2, 2]);
      expect(chainNames((await store.nodeRelation(g.c1.id)).chains)).toEqual(
        [
          [g.p.name, g.c1.name, g.s1.name],
          [g.p.name, g.c1.name, g.s2.name],
        ].sort(),
      );
      expect(chainNames((await store.nodeRelation(g.s2.id)).chains)).toEqual([
        [g.p.name, g.c1.name, g.s2.name],
      ]);
      await expectAppError(store.nodeRelation('missing'), 'NOT_FOUND', 'id');
    });
  });

  describe('random nodes', () => {
    it('draws distinct nodes of the asked kinds; a seed makes the draw reproducible', async () => {
      const store = getStore();
      for (let i = 0; i < 30; i++) await node(store, i % 3 === 0 ? 'Problem' : 'Challenge', `node ${i}`);
      await node(store, 'Paper', 'a paper');
      const a = await store.randomNodes({ count: 5, seed: 42 });
      const b = await store.randomNodes({ count: 5, seed: 42 });
      expect(a.map((n) => n.id)).toEqual(b.map((n) => n.id));
      expect(new Set(a.map((n) => n.id)).size).toBe(5);
      expect(a.every((n) => n.kind !== 'Paper')).toBe(true);
      const seeds = await Promise.all([1, 2, 3, 4].map((seed) => store.randomNodes({ count: 5, seed })));
      expect(new Set(seeds.map((s) => s.map((n) => n.id).join())).size).toBeGreaterThan(1);
      const problems = await store.randomNodes({ kinds: ['Problem'], count: 100, seed: 7 });
      expect(problems).toHaveLength(10);
      expect(problems.every((n) => n.kind === 'Problem')).toBe(true);
      expect(await store.randomNodes({ kinds: ['Topic'], count: 3 })).toEqual([]);
      await expectAppError(store.randomNodes({ count: 0 }), 'VALIDATION', 'count');
    });
  });

  describe('subgraph and stats', () => {
    it('expands around nodes by depth and returns the edges among them', async () => {
      const store = getStore();
      const g = await seedHierarchy(store);
      const zero = await store.subgraph({ ids: [g.p.id], depth: 0 });
      expect(zero.nodes.map((n) => n.id)).toEqual([g.p.id]);
      expect(zero.edges).toEqual([]);
      const one = await store.subgraph({ ids: [g.p.id] });
      expect(one.nodes.map((n) => n.id).sort()).toEqual(
        [g.p.id, g.mid.id, g.c1.id, g.c2.id, g.paper.id].sort(),
      );
      expect(one.edges).toHaveLength(4);
      expect(one.truncated).toBe(false);
      const two = await store.subgraph({
        ids: [g.p.id],
        depth: 2,
        edgeTypes: ['PARENT_OF', 'HAS_CHALLENGE'],
      });
      expect(two.nodes.map((n) => n.name).sort()).toEqual(
        [g.p, g.mid, g.root, g.sibling, g.c1, g.c2].map((n) => n.name).sort(),
      );
      expect(two.edges.every((e) => e.type === 'PARENT_OF' || e.type === 'HAS_CHALLENGE')).toBe(true);
      await expectAppError(store.subgraph({ ids: ['missing'] }), 'NOT_FOUND', 'ids.0');
    });

    it('counts nodes, edges, review states, embeddings and levels', async () => {
      const store = getStore();
      const empty = await store.stats();
      expect(empty.nodes).toEqual({ Problem: 0, Challenge: 0, Solution: 0, Paper: 0, Idea: 0, Topic: 0 });
      expect(empty.schemaVersion).toBeGreaterThanOrEqual(1);
      await seedHierarchy(store);
      const stats = await store.stats();
      expect(stats.nodes).toEqual({ Problem: 4, Challenge: 2, Solution: 2, Paper: 1, Idea: 0, Topic: 0 });
      expect(stats.edges).toEqual({
        PARENT_OF: 3,
        HAS_CHALLENGE: 2,
        SOLVED_BY: 2,
        EXTRACTED_FROM: 1,
        CITES: 0,
      });
      expect(stats.review).toEqual({ proposed: 9, approved: 0, rejected: 0 });
      const none = { proposed: 0, approved: 0, rejected: 0 };
      expect(stats.reviewByKind).toEqual({
        Problem: { ...none, proposed: 4 },
        Challenge: { ...none, proposed: 2 },
        Solution: { ...none, proposed: 2 },
        Paper: { ...none, proposed: 1 },
        Idea: none,
        Topic: none,
      });
      expect(stats.maxLevel).toBe(2);
      expect(stats.embeddings).toEqual([]);
    });
  });
}
