import { describe, expect, it } from 'vitest';
import type { EdgeType } from '../../model.ts';
import type { GraphStore } from '../../port.ts';
import { batchEdge } from '../batch-edge.ts';
import type { NamedRef } from '../batch-edge.ts';
import { alice, bob, expectAppError } from './helpers.ts';
import type { GetStore } from './helpers.ts';

/**
 * Path finding, the white-space map and the whole-graph overview (the explorer's reads).
 *
 * P1 → C1, C2; P2 → C2, C3; P3 → C4, C5 (rejected); C1 → S1, S2; C4 → S2; C3 → S3 (rejected);
 * idea I cites C2; C2 was extracted from paper X; Q is a problem on its own. Written in one import (one
 * transaction on SQLite, a few on Neo4j), so the fixture stays cheap on a busy machine.
 */
const MAP_NODES = {
  p1: ['Problem', 'Forgetting in continual learning'],
  p2: ['Problem', 'Sample inefficiency'],
  p3: ['Problem', 'Sim-to-real gap'],
  q: ['Problem', 'Isolated problem'],
  c1: ['Challenge', 'Task interference'],
  c2: ['Challenge', 'No reward signal'],
  c3: ['Challenge', 'Costly exploration'],
  c4: ['Challenge', 'Domain shift'],
  c5: ['Challenge', 'Rejected challenge'],
  s1: ['Solution', 'Experience replay'],
  s2: ['Solution', 'Domain randomisation'],
  s3: ['Solution', 'Rejected solution'],
  idea: ['Idea', 'Curiosity from forgetting'],
  paper: ['Paper', 'Intrinsic motivation survey'],
} as const satisfies Record<string, NamedRef>;
type MapKey = keyof typeof MAP_NODES;

/** `'p1>c1 p1>c2'`: edges of one type between the map's keys. */
const linked = (type: EdgeType, pairs: string): Array<[EdgeType, MapKey, MapKey]> =>
  pairs.split(' ').map((pair) => {
    const [from, to] = pair.split('>') as [MapKey, MapKey];
    return [type, from, to];
  });

const MAP_EDGES: Array<[EdgeType, MapKey, MapKey]> = [
  ...linked('HAS_CHALLENGE', 'p1>c1 p1>c2 p2>c2 p2>c3 p3>c4 p3>c5'),
  ...linked('SOLVED_BY', 'c1>s1 c1>s2 c4>s2 c3>s3'),
  ...linked('CITES', 'idea>c2'),
  ...linked('EXTRACTED_FROM', 'c2>paper'),
];

/** The ids of the map's nodes by key, in creation order (batch order), so ties by id follow the list above. */
async function seedMap(store: GraphStore): Promise<Record<MapKey, { id: string }>> {
  const keys = Object.keys(MAP_NODES) as MapKey[];
  const { nodeIds } = await store.importBatch(
    {
      nodes: keys.map((key) => {
        const [kind, name] = MAP_NODES[key];
        const review = key === 'c5' || key === 's3' ? 'rejected' : 'proposed';
        return kind === 'Paper'
          ? { kind, name, review, props: { authors: [] } }
          : kind === 'Idea'
            ? { kind, name, review, props: { status: 'draft', currentVersion: 1, scores: {} } }
            : { kind, name, review };
      }),
      edges: MAP_EDGES.map(([type, from, to]) => batchEdge(type, MAP_NODES[from], MAP_NODES[to])),
    },
    alice,
  );
  return Object.fromEntries(keys.map((key, i) => [key, { id: nodeIds[i] ?? '' }])) as Record<
    MapKey,
    { id: string }
  >;
}

export function registerExploreMapTests(getStore: GetStore): void {
  // Neo4j plans each shortestPath text afresh per test (every test gets a fresh schema): slow on a busy machine.
  describe('path', { timeout: 60_000 }, () => {
    it('finds the shortest path in either direction, its edges joining consecutive nodes', async () => {
      const store = getStore();
      const g = await seedMap(store);
      // s1 ← c1 ← p1 → c2 → paper: against edge direction, then with it
      const path = await store.findPath({ from: g.s1.id, to: g.paper.id });
      expect(path?.nodes.map((n) => n.id)).toEqual([g.s1.id, g.c1.id, g.p1.id, g.c2.id, g.paper.id]);
      expect(path?.edges.map((e) => e.type)).toEqual([
        'SOLVED_BY',
        'HAS_CHALLENGE',
        'HAS_CHALLENGE',
        'EXTRACTED_FROM',
      ]);
      path?.edges.forEach((edge, i) => {
        const ends = [path.nodes[i]?.id, path.nodes[i + 1]?.id].sort();
        expect([edge.from, edge.to].sort()).toEqual(ends);
      });
    });

    it('answers null beyond maxHops or without a connection, and the node itself for from = to', async () => {
      const store = getStore();
      const g = await seedMap(store);
      expect(await store.findPath({ from: g.s1.id, to: g.paper.id, maxHops: 3 })).toBeNull();
      expect((await store.findPath({ from: g.s1.id, to: g.paper.id, maxHops: 4 }))?.edges).toHaveLength(4);
      expect(await store.findPath({ from: g.q.id, to: g.p1.id, maxHops: 6 })).toBeNull();
      const self = await store.findPath({ from: g.q.id, to: g.q.id });
      expect(self?.nodes.map((n) => n.id)).toEqual([g.q.id]);
      expect(self?.edges).toEqual([]);
    });

    it('refuses a missing endpoint (NOT_FOUND naming it) and a hop bound out of range', async () => {
      const store = getStore();
      const g = await seedMap(store);
      await expectAppError(store.findPath({ from: 'nope', to: g.p1.id }), 'NOT_FOUND', 'from');
      await expectAppError(store.findPath({ from: g.p1.id, to: 'nope' }), 'NOT_FOUND', 'to');
      await expectAppError(
        store.findPath({ from: g.p1.id, to: g.c1.id, maxHops: 7 }),
        'VALIDATION',
        'maxHops',
      );
      await expectAppError(
        store.findPath({ from: g.p1.id, to: g.c1.id, maxHops: 0 }),
        'VALIDATION',
        'maxHops',
      );
    });

    it('crosses a hub of 400 edges, and gives up cleanly where there is no way', async () => {
      const store = getStore();
      const leaves = Array.from({ length: 400 }, (_, i) => `leaf challenge ${i}`);
      await store.importBatch(
        {
          nodes: [
            { kind: 'Problem', name: 'Hub problem' },
            { kind: 'Problem', name: 'Far away' },
            { kind: 'Solution', name: 'End solution' },
            ...leaves.map((name) => ({ kind: 'Challenge' as const, name })),
          ],
          edges: [
            ...leaves.map((name) =>
              batchEdge('HAS_CHALLENGE', ['Problem', 'Hub problem'], ['Challenge', name]),
            ),
            batchEdge('SOLVED_BY', ['Challenge', 'leaf challenge 399'], ['Solution', 'End solution']),
          ],
        },
        alice,
      );
      const byName = async (kind: 'Problem' | 'Challenge' | 'Solution', name: string) => {
        const found = await store.getNodeByName(kind, name);
        if (!found) throw new Error(`missing ${name}`);
        return found.id;
      };
      const [first, hub, last, end, far] = [
        await byName('Challenge', 'leaf challenge 0'),
        await byName('Problem', 'Hub problem'),
        await byName('Challenge', 'leaf challenge 399'),
        await byName('Solution', 'End solution'),
        await byName('Problem', 'Far away'),
      ];
      const path = await store.findPath({ from: first, to: end, maxHops: 6 });
      expect(path?.nodes.map((n) => n.id)).toEqual([first, hub, last, end]);
      expect(await store.findPath({ from: first, to: far, maxHops: 6 })).toBeNull();
    });

    it("follows a second writer's new edge on the next read", async () => {
      const store = getStore();
      const g = await seedMap(store);
      expect(await store.findPath({ from: g.q.id, to: g.c3.id })).toBeNull();
      await store.addEdge({ type: 'HAS_CHALLENGE', from: g.q.id, to: g.c3.id }, bob);
      const path = await store.findPath({ from: g.q.id, to: g.c3.id });
      expect(path?.nodes.map((n) => n.id)).toEqual([g.q.id, g.c3.id]);
    });
  });

  describe('white space', () => {
    it('ranks challenges by fewest solutions, then most attention; rejected nodes do not count', async () => {
      const store = getStore();
      const g = await seedMap(store);
      const map = await store.whitespace();
      expect(
        map.challenges.map((c) => [c.challenge.id, c.solutions, c.problems, c.ideas, c.papers, c.attention]),
      ).toEqual([
        [g.c2.id, 0, 2, 1, 1, 4],
        [g.c3.id, 0, 1, 0, 0, 1],
        [g.c4.id, 1, 1, 0, 0, 1],
        [g.c1.id, 2, 1, 0, 0, 1],
      ]);
      expect(map.unsolvedProblems.map((u) => [u.problem.id, u.challenges])).toEqual([[g.p2.id, 2]]);
      expect(map.transferCandidates.map((t) => [t.solution.id, t.area.id, t.challenges])).toEqual([
        [g.s1.id, g.p1.id, 1],
      ]);
      expect((await store.whitespace({ limit: 1 })).challenges.map((c) => c.challenge.id)).toEqual([g.c2.id]);
    });

    it('moves with the graph: a solution added for a gap takes it off the unsolved lists', async () => {
      const store = getStore();
      const g = await seedMap(store);
      await store.addEdge({ type: 'SOLVED_BY', from: g.c3.id, to: g.s1.id }, bob);
      const map = await store.whitespace();
      expect(map.challenges[0]?.challenge.id).toBe(g.c2.id);
      expect(map.challenges.find((c) => c.challenge.id === g.c3.id)?.solutions).toBe(1);
      expect(map.unsolvedProblems).toEqual([]);
      // s1 now serves P1 and P2: no longer a single-area solution
      expect(map.transferCandidates).toEqual([]);
      await expectAppError(store.whitespace({ limit: 0 }), 'VALIDATION', 'limit');
    });
  });

  describe('overview', () => {
    it('returns the best-connected nodes, the edges among them and the true graph size', async () => {
      const store = getStore();
      const g = await seedMap(store);
      const view = await store.overview({ limit: 3 });
      // degrees: c2 4 (p1, p2, idea, paper), c1 3 (p1, s1, s2), then six nodes with 2: the oldest id (p1) wins
      expect(view.nodes.map((n) => [n.node.id, n.degree])).toEqual([
        [g.c2.id, 4],
        [g.c1.id, 3],
        [g.p1.id, 2],
      ]);
      const ids = new Set(view.nodes.map((n) => n.node.id));
      expect(view.edges.every((e) => ids.has(e.from) && ids.has(e.to))).toBe(true);
      expect(view.edges.map((e) => [e.from, e.to].sort())).toContainEqual([g.c1.id, g.p1.id].sort());
      expect(view.totalNodes).toBe(14);
      expect(view.totalEdges).toBe(12);
      expect((await store.overview()).nodes).toHaveLength(14);
    });
  });
}
