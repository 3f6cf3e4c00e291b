import { describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { AppError } from '../../../shared/errors.ts';
import { int } from '../../neo4j/mapping.ts';
import type { GraphNode } from '../../model.ts';
import { seededSample } from '../../seeded-random.ts';
import { Neo4jGraphStore } from '../../neo4j/neo4j-store.ts';
import { TEST_VALUE_TYPES, TEST_VECTOR_INDEX_TOP } from '../../neo4j/queries.ts';
import { INDEXED_DIMENSION } from '../../neo4j/search.ts';
import { testDriver } from './test-database.ts';

/**
 * What only the Neo4j adapter has: the HNSW vector index for 384-dim models, a write lock that makes version
 * checks safe under concurrency, and integer typing on the server. Registered from neo4j-store.test.ts so these
 * run in the same file (and so never race its per-test database wipe).
 */
export function registerNeo4jSpecificTests(getStore: () => Neo4jGraphStore, getDriver: () => Driver): void {
  const actor = { actor: 'alice' };

  /** What the HNSW index itself answers (ids of the graph nodes owning the nearest Embedding nodes). */
  const indexTop = async (vector: number[], k: number): Promise<string[]> => {
    const { records } = await getDriver().executeQuery(
      TEST_VECTOR_INDEX_TOP,
      { k: int(k), vector },
      { database: getStore().database },
    );
    return records.map((r) => String(r.get('id')));
  };

  /** Vectors at distinct angles in one plane (angle grows quadratically), so no two similarities tie. */
  const axis = (i: number): number[] =>
    Array.from({ length: INDEXED_DIMENSION }, (_, d) =>
      d === 0 ? Math.cos(0.01 * i * i) : d === 1 ? Math.sin(0.01 * i * i) : 0.001,
    );

  describe('Neo4j specifics', () => {
    it('answers 384-dim vector search as the vector index ranks it, filters included', async () => {
      const store = getStore();
      const nodes: GraphNode[] = [];
      for (let i = 0; i < 12; i++) {
        const kind = i % 2 === 0 ? 'Problem' : 'Challenge';
        const { node } = await store.upsertNode({ kind, name: `topic ${i}` }, actor);
        await store.setEmbedding({ nodeId: node.id, model: 'minilm', vector: axis(i) }, actor);
        nodes.push(node);
      }
      const hits = await store.nodeSearch({ mode: 'vector', vector: axis(4), limit: 3 });
      expect(hits.map((h) => h.node.id)).toEqual(await indexTop(axis(4), 3));
      expect(hits[0]?.node.id).toBe(nodes[4]?.id);
      expect(hits[0]?.score).toBeCloseTo(1, 4);
      expect(hits).toHaveLength(3);

      const filtered = await store.nodeSearch({
        mode: 'vector',
        vector: axis(4),
        kinds: ['Challenge'],
        limit: 2,
      });
      expect(filtered.map((h) => h.node.kind)).toEqual(['Challenge', 'Challenge']);
    });

    it('lets exactly one of two concurrent writers with the same expected version win', async () => {
      const store = getStore();
      const { node } = await store.upsertNode({ kind: 'Topic', name: 'contended' }, actor);
      const results = await Promise.allSettled(
        ['first', 'second'].map((description) =>
          store.updateNode({ id: node.id, expectedVersion: 1, patch: { description } }, actor),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect((rejected?.reason as AppError).code).toBe('CONFLICT');
      expect((await store.getNode(node.id))?.version).toBe(2);
    });

    it('samples from the graph as it is now, after writes by another client on its own driver', async () => {
      const store = getStore();
      const problemIds = async (): Promise<string[]> =>
        (await store.randomNodes({ kinds: ['Problem'], count: 100, seed: 3 })).map((n) => n.id).sort();
      const mine: string[] = [];
      for (let i = 0; i < 4; i++)
        mine.push((await store.upsertNode({ kind: 'Problem', name: `p ${i}` }, actor)).node.id);
      expect(await problemIds()).toEqual([...mine].sort());
      expect(await problemIds()).toEqual([...mine].sort()); // a second draw under the same stamp

      // A lab member's app: another driver, another store object, so nothing is shared with ours in memory.
      const otherDriver = testDriver();
      try {
        const other = new Neo4jGraphStore(otherDriver, store.database);
        const added = (await other.upsertNode({ kind: 'Problem', name: 'added elsewhere' }, { actor: 'bob' }))
          .node;
        expect(await problemIds()).toEqual([...mine, added.id].sort());
        await other.deleteNode({ id: mine[0] as string, expectedVersion: 1 }, { actor: 'bob' });
        expect(await problemIds()).toEqual([...mine.slice(1), added.id].sort());
        await other.updateNode(
          { id: added.id, expectedVersion: 1, patch: { review: 'approved' } },
          { actor: 'bob' },
        );
        const approved = await store.randomNodes({ kinds: ['Problem'], count: 100, review: ['approved'] });
        expect(approved.map((n) => n.id)).toEqual([added.id]);
      } finally {
        await otherDriver.close();
      }
    });

    it('picks what seededSample picks from the candidates in id order, cached or not', async () => {
      const store = getStore();
      for (let i = 0; i < 40; i++)
        await store.upsertNode({ kind: i % 2 ? 'Challenge' : 'Solution', name: `n ${i}` }, actor);
      await store.upsertNode({ kind: 'Paper', name: 'not a candidate' }, actor);
      const ids = (await store.dump()).nodes
        .filter((n) => n.kind === 'Challenge' || n.kind === 'Solution')
        .map((n) => n.id)
        .sort();
      const expected = seededSample(ids.length, 7, 99).map((i) => ids[i]);
      const draw = async () =>
        (await store.randomNodes({ kinds: ['Challenge', 'Solution'], count: 7, seed: 99 })).map((n) => n.id);
      expect(await draw()).toEqual(expected); // read from the server
      expect(await draw()).toEqual(expected); // from the cache
    });

    it('stores levels and versions as Cypher integers, not floats', async () => {
      const store = getStore();
      const { node } = await store.upsertNode({ kind: 'Problem', name: 'typed', level: 2 }, actor);
      const { records } = await getDriver().executeQuery(
        TEST_VALUE_TYPES,
        { id: node.id },
        { database: store.database },
      );
      expect(records[0]?.toObject()).toEqual({ level: 'INTEGER NOT NULL', version: 'INTEGER NOT NULL' });
    });
  });
}
