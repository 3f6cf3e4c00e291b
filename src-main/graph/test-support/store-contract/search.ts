import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../model.ts';
import type { GraphStore } from '../../port.ts';
import { alice, DIM, expectAppError, MODEL, node, snapshot, vec } from './helpers.ts';
import type { GetStore } from './helpers.ts';

interface SearchFixture {
  forgetting: GraphNode;
  replay: GraphNode;
  drift: GraphNode;
  sparse: GraphNode;
  parent: GraphNode;
  hallucination: GraphNode;
}

/** Six nodes whose words and vectors pull in known directions (vector `hot` index = the node's "topic"). */
async function seedSearchGraph(store: GraphStore): Promise<SearchFixture> {
  const forgetting = await node(store, 'Problem', 'Catastrophic forgetting in neural networks', {
    description: 'Sequential training overwrites earlier knowledge.',
    review: 'approved',
  });
  const replay = await node(store, 'Solution', 'Experience replay buffer', {
    description: 'Rehearse stored samples to avoid forgetting.',
  });
  const drift = await node(store, 'Challenge', 'Distribution drift', {
    aliases: ['dataset shift'],
    description: 'Inputs change over time.',
  });
  const sparse = await node(store, 'Challenge', 'Sparse rewards', {
    description: 'Feedback arrives rarely.',
  });
  const parent = await node(store, 'Problem', 'Knowledge retention', { level: 1, review: 'approved' });
  const hallucination = await node(store, 'Problem', 'LLM hallucination', {
    description: 'Fluent but false text.',
  });
  const vectors: Array<[GraphNode, number[]]> = [
    [forgetting, vec(DIM, 0)],
    [replay, vec(DIM, 0, 1)],
    [drift, vec(DIM, 2)],
    [sparse, vec(DIM, 3)],
    [parent, vec(DIM, 0, 4)],
    [hallucination, vec(DIM, 5)],
  ];
  for (const [n, vector] of vectors) await store.setEmbedding({ nodeId: n.id, model: MODEL, vector }, alice);
  return { forgetting, replay, drift, sparse, parent, hallucination };
}

const names = (hits: Array<{ node: GraphNode }>): string[] => hits.map((h) => h.node.name);

export function registerSearchTests(getStore: GetStore): void {
  describe('node_search', () => {
    it('lexical: BM25 over name, aliases and description, name hits first', async () => {
      const store = getStore();
      const f = await seedSearchGraph(store);
      const hits = await store.nodeSearch({ query: 'forgetting', mode: 'lexical', limit: 10 });
      expect(names(hits)).toEqual([f.forgetting.name, f.replay.name]);
      expect(hits[0]?.lexicalRank).toBe(1);
      expect((hits[0]?.score ?? 0) >= (hits[1]?.score ?? 0)).toBe(true);
      expect(names(await store.nodeSearch({ query: 'dataset shift', mode: 'lexical' }))).toEqual([
        f.drift.name,
      ]);
      expect(await store.nodeSearch({ query: 'quantum chromodynamics', mode: 'lexical' })).toEqual([]);
      expect(await store.nodeSearch({ query: '   ', mode: 'lexical' })).toEqual([]);
    });

    it('never parses user text as query syntax', async () => {
      const store = getStore();
      await seedSearchGraph(store);
      const hostile = [
        '"unbalanced',
        'drift AND OR NOT',
        'name:drift',
        'drift*',
        'NEAR(drift rewards)',
        '^drift',
        "'); --",
        '(((',
        '`x`',
      ];
      for (const query of hostile) {
        const hits = await store.nodeSearch({ query, mode: 'lexical' });
        expect(Array.isArray(hits)).toBe(true);
      }
      expect(names(await store.nodeSearch({ query: 'name:drift', mode: 'lexical' }))).toContain(
        'Distribution drift',
      );
    });

    it('vector: cosine kNN nearest first; wrong dimensions are VALIDATION', async () => {
      const store = getStore();
      const f = await seedSearchGraph(store);
      const hits = await store.nodeSearch({ query: '', vector: vec(DIM, 2), mode: 'vector', limit: 3 });
      expect(hits).toHaveLength(3);
      expect(hits[0]?.node.id).toBe(f.drift.id);
      expect(hits[0]?.vectorRank).toBe(1);
      expect(hits[0]?.score).toBeCloseTo(1, 5);
      await expectAppError(
        store.nodeSearch({ vector: vec(DIM + 1, 0), mode: 'vector' }),
        'VALIDATION',
        'vector',
      );
      await expectAppError(store.nodeSearch({ query: 'x', mode: 'vector' }), 'VALIDATION', 'vector');
      await expectAppError(
        store.nodeSearch({ vector: vec(DIM, 0), model: 'other', mode: 'vector' }),
        'VALIDATION',
        'model',
      );
    });

    it('hybrid fuses both rankings; without a vector it is lexical', async () => {
      const store = getStore();
      const f = await seedSearchGraph(store);
      const hits = await store.nodeSearch({
        query: 'replay buffer',
        vector: vec(DIM, 0),
        mode: 'hybrid',
        limit: 4,
      });
      // replay is first lexically and near in vector space; the fusion puts it on top
      expect(hits[0]?.node.id).toBe(f.replay.id);
      expect(hits[0]?.lexicalRank).toBe(1);
      expect(hits[0]?.vectorRank).toBeGreaterThanOrEqual(1);
      expect(names(hits)).toContain(f.forgetting.name); // vector-only hit still surfaces
      const lexical = await store.nodeSearch({ query: 'forgetting', mode: 'lexical' });
      const hybridNoVector = await store.nodeSearch({ query: 'forgetting' });
      expect(names(hybridNoVector)).toEqual(names(lexical));
    });

    it('filters by kinds, level and review in every mode, and respects the limit', async () => {
      const store = getStore();
      const f = await seedSearchGraph(store);
      for (const mode of ['lexical', 'vector', 'hybrid'] as const) {
        const base = { query: 'forgetting knowledge retention replay', vector: vec(DIM, 0), mode };
        const problems = await store.nodeSearch({ ...base, kinds: ['Problem'] });
        expect(problems.length).toBeGreaterThan(0);
        expect(problems.every((h) => h.node.kind === 'Problem')).toBe(true);
        const level1 = await store.nodeSearch({ ...base, level: 1 });
        expect(names(level1)).toEqual([f.parent.name]);
        const approved = await store.nodeSearch({ ...base, review: ['approved'] });
        expect(names(approved).sort()).toEqual([f.forgetting.name, f.parent.name].sort());
        expect(await store.nodeSearch({ ...base, limit: 1 })).toHaveLength(1);
      }
      await expectAppError(
        store.nodeSearch({ query: 'x', kinds: ['Dataset' as 'Problem'] }),
        'VALIDATION',
        /^kinds/,
      );
    });

    it('follows review changes in vector filters', async () => {
      const store = getStore();
      const f = await seedSearchGraph(store);
      await store.updateNode(
        { id: f.drift.id, expectedVersion: f.drift.version, patch: { review: 'rejected' } },
        alice,
      );
      const hits = await store.nodeSearch({ vector: vec(DIM, 2), mode: 'vector', review: ['rejected'] });
      expect(names(hits)).toEqual([f.drift.name]);
    });
  });

  describe('embeddings', () => {
    it('stores a vector per node and model; a later vector of another dimension is VALIDATION', async () => {
      const store = getStore();
      const n = await node(store, 'Problem', 'P');
      const summary = await store.setEmbedding({ nodeId: n.id, model: MODEL, vector: vec(DIM, 1) }, alice);
      expect(summary).toEqual({ nodeId: n.id, model: MODEL, dimension: DIM });
      expect(await store.getEmbedding(n.id, MODEL)).toEqual(vec(DIM, 1));
      await store.setEmbedding({ nodeId: n.id, model: MODEL, vector: new Float32Array(vec(DIM, 2)) }, alice);
      expect(await store.getEmbedding(n.id, MODEL)).toEqual(vec(DIM, 2));
      const before = await snapshot(store);
      await expectAppError(
        store.setEmbedding({ nodeId: n.id, model: MODEL, vector: vec(DIM * 2, 1) }, alice),
        'VALIDATION',
        'vector',
      );
      await expectAppError(
        store.setEmbedding({ nodeId: n.id, model: MODEL, vector: [1, Number.NaN] }, alice),
        'VALIDATION',
      );
      await expectAppError(
        store.setEmbedding({ nodeId: 'missing', model: MODEL, vector: vec(DIM, 1) }, alice),
        'NOT_FOUND',
        'nodeId',
      );
      expect(await snapshot(store)).toEqual(before);
      expect((await store.stats()).embeddings).toEqual([{ model: MODEL, dimension: DIM, count: 1 }]);
      expect((await store.auditLog({ entityId: n.id, action: 'embedding.set' })).length).toBe(2);
    });
  });
}
