import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { EmbeddedGraphStore } from '../embedded/embedded-store.ts';
import type { GraphStore } from '../port.ts';
import { loadSeedGraph, SEED_ACTOR, seedOnFirstRun } from './load-seed.ts';
import { readSeedData } from './read-seed.ts';
import type { SeedData } from './read-seed.ts';

const tempDir = useTempDirs();
const seed = readSeedData();

async function withStore<T>(run: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = EmbeddedGraphStore.open(join(tempDir(), 'graph.sqlite'));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** The dump without its timestamp: what "nothing changed" means for a whole graph. */
async function snapshot(store: GraphStore): Promise<unknown> {
  const { exportedAt, ...rest } = await store.dump();
  void exportedAt;
  return rest;
}

describe('loading the seed graph into the embedded store', () => {
  it('writes every paper, node and edge as curated and approved, and a second load changes nothing', async () => {
    await withStore(async (store) => {
      const first = await loadSeedGraph(store, seed);
      expect(first.nodesCreated).toBe(seed.papers.papers.length + seed.graph.nodes.length);
      expect(first.edgesCreated).toBe(seed.graph.edges.length);

      const stats = await store.stats();
      expect(stats.nodes.Paper).toBe(122);
      const kinds = (kind: string) => seed.graph.nodes.filter((node) => node.kind === kind).length;
      expect(stats.nodes).toMatchObject({
        Problem: kinds('Problem'),
        Challenge: kinds('Challenge'),
        Solution: kinds('Solution'),
      });
      expect(stats.review).toEqual({ proposed: 0, approved: first.nodesCreated, rejected: 0 });
      expect(stats.maxLevel).toBe(1);

      const dump = await store.dump();
      const stamps = [...dump.nodes, ...dump.edges].map(
        (item) => `${item.origin}/${item.review}/${item.createdBy}`,
      );
      expect(new Set(stamps)).toEqual(new Set([`curated/approved/${SEED_ACTOR}`]));

      const before = await snapshot(store);
      const auditBefore = (await store.auditLog({ limit: 10_000 })).length;
      const second = await loadSeedGraph(store, seed);
      expect(second).toMatchObject({ nodesCreated: 0, nodesMerged: 0, edgesCreated: 0 });
      expect(await snapshot(store)).toEqual(before);
      expect((await store.auditLog({ limit: 10_000 })).length).toBe(auditBefore);
    });
  });

  it('keeps each triple as a motivation chain traced to its paper', async () => {
    await withStore(async (store) => {
      await loadSeedGraph(store, seed);
      const triple = seed.graph.triples.find((t) => t.paper === 's007');
      const problem = seed.graph.nodes.find((node) => node.key === triple?.problem);
      const node = problem && (await store.getNodeByName('Problem', problem.name));
      if (!node) throw new Error('seed problem of s007 not found');
      const relation = await store.nodeRelation(node.id);
      expect(relation.chains.length).toBeGreaterThanOrEqual(2);
      const papers = relation.neighbours.EXTRACTED_FROM.outgoing.map((related) => related.node.name);
      expect(papers.some((name) => name.startsWith('Untitled paper s007: Reinforcement Learning with'))).toBe(
        true,
      );
      expect(relation.ancestors.map((entry) => entry.node.level)).toEqual([1]);
      const paper = relation.neighbours.EXTRACTED_FROM.outgoing.find((r) =>
        r.node.name.includes('s007'),
      )?.node;
      expect(paper?.description).toMatch(
        /^Paper s007 of the seed corpus .* curated by hand from its abstract by /u,
      );
    });
  });

  it('refuses a broken seed naming the JSON path, and writes none of it', async () => {
    await withStore(async (store) => {
      const edges = [
        ...seed.graph.edges,
        { type: 'SOLVED_BY' as const, from: 'c-sparse-rewards-long-search', to: 's-gone' },
      ];
      const broken: SeedData = { ...seed, graph: { ...seed.graph, edges } };
      await expect(loadSeedGraph(store, broken)).rejects.toMatchObject({
        code: 'VALIDATION',
        details: { path: `edges.${edges.length - 1}.to` },
      });
      const stats = await store.stats();
      expect(Object.values(stats.nodes).reduce((a, b) => a + b, 0)).toBe(0);
    });
  });
});

describe('first run', () => {
  it('loads the seed into an empty store once; a store whose seed was deleted stays empty', async () => {
    await withStore(async (store) => {
      const first = await seedOnFirstRun(store, () => seed);
      expect(first.loaded).toBe(true);
      expect(await seedOnFirstRun(store, () => seed)).toEqual({ loaded: false, reason: 'store-not-empty' });

      // The user clears the graph (restore of an empty dump replaces everything); the audit log remembers.
      const empty = { ...(await store.dump()), nodes: [], edges: [], embeddings: [] };
      await store.restore(empty, { actor: 'someone' }, { replace: true });
      expect(await seedOnFirstRun(store, () => seed)).toEqual({ loaded: false, reason: 'seeded-before' });
      expect((await store.stats()).nodes.Problem).toBe(0);
    });
  });

  it('leaves a store that already holds the user’s own data alone', async () => {
    await withStore(async (store) => {
      await store.upsertNode({ kind: 'Problem', name: 'My own research problem' }, { actor: 'me' });
      expect(await seedOnFirstRun(store, () => seed)).toEqual({ loaded: false, reason: 'store-not-empty' });
      expect((await store.stats()).nodes.Problem).toBe(1);
    });
  });
});
