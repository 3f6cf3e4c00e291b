import { describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { AppError } from '../../shared/errors.ts';
import { int } from './mapping.ts';
import type { GraphNode } from '../model.ts';
import type { Neo4jGraphStore } from './neo4j-store.ts';
import { TEST_VALUE_TYPES, TEST_VECTOR_INDEX_TOP } from './queries.ts';
import { INDEXED_DIMENSION } from './search.ts';

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
