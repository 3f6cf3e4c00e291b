import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { GraphNode } from '../../model.ts';
import { Neo4jGraphStore } from '../../neo4j/neo4j-store.ts';
import { testDriver } from './test-database.ts';

/** Every edit ends one of these ways; anything else (a raw driver error, INTERNAL, UNAVAILABLE) is a bug. */
type Outcome = 'ok' | 'CONFLICT' | 'BUSY' | 'other';

/** Driver internals a user must never see: lock ids, class names, Cypher. */
const INTERNALS = /deadlock|lock|Neo\.|Transient|Exception|Forseti|dbms|MiB|MERGE|MATCH|\bSET\b/i;

/**
 * Many clients editing the same few nodes at once, as a lab editing one graph does: each reads a node and
 * writes it back with the version it read. Registered from neo4j-store.test.ts (it wipes the database).
 */
export function registerConcurrentWriteTests(getStore: () => Neo4jGraphStore): void {
  describe('Neo4j under concurrent edits', () => {
    it('ends 600 concurrent versioned edits of 3 shared nodes as success or a clean CONFLICT/BUSY', async () => {
      const store = getStore();
      const shared: GraphNode[] = [];
      for (let i = 0; i < 3; i++) {
        shared.push((await store.upsertNode({ kind: 'Topic', name: `shared ${i}` }, { actor: 'seed' })).node);
      }
      // Three lab members, each with an app of their own (own driver, own connection pool).
      const drivers = [testDriver(), testDriver()];
      const clients = [store, ...drivers.map((d) => new Neo4jGraphStore(d, store.database))];
      const messages: string[] = [];
      try {
        const edits = Array.from({ length: 600 }, async (_, i): Promise<Outcome> => {
          const client = clients[i % clients.length] as Neo4jGraphStore;
          const id = (shared[i % shared.length] as GraphNode).id;
          const actor = { actor: `writer ${i}` };
          try {
            const current = await client.getNode(id);
            const patch = { description: `edit ${i}` };
            await client.updateNode({ id, expectedVersion: current?.version ?? 1, patch }, actor);
            return 'ok';
          } catch (err) {
            messages.push(err instanceof Error ? err.message : String(err));
            if (err instanceof AppError && err.code === 'CONFLICT') return 'CONFLICT';
            if (err instanceof AppError && err.code === 'BUSY') return 'BUSY';
            return 'other';
          }
        });
        const outcomes = await Promise.all(edits);
        const count = (o: Outcome): number => outcomes.filter((x) => x === o).length;
        expect(messages.filter((m) => INTERNALS.test(m))).toEqual([]);
        expect(count('other')).toBe(0);
        // Nothing lost: each success moved its node exactly one version up.
        const versions = await Promise.all(
          shared.map(async (n) => (await store.getNode(n.id))?.version ?? 0),
        );
        expect(versions.reduce((sum, v) => sum + (v - 1), 0)).toBe(count('ok'));
        expect(count('ok')).toBeGreaterThanOrEqual(3);
      } finally {
        await Promise.all(drivers.map((d) => d.close()));
      }
    }, 120_000);
  });
}
