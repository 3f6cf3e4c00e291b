import { describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { AppError } from '../../../shared/errors.ts';
import type { GraphNode } from '../../model.ts';
import { Neo4jDriver } from '../../neo4j/neo4j-driver.ts';
import { Neo4jGraphStore } from '../../neo4j/neo4j-store.ts';
import { testDriver } from './test-database.ts';

/** Settles with 'pending' if `promise` has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
}

/** A second lab member's app: a driver (connection pool) and a store of its own on the same database. */
function secondClient(database: string): { store: Neo4jGraphStore; driver: Driver } {
  const driver = testDriver();
  return { store: new Neo4jGraphStore(driver, database), driver };
}

/**
 * Per-node concurrency on Neo4j: writers of different nodes never wait on each other, writers of the same node
 * are serialised by that node's lock and checked against the version they read (CONFLICT, never a lost update).
 * Registered from neo4j-store.test.ts (it wipes the database).
 */
export function registerPerNodeConcurrencyTests(getStore: () => Neo4jGraphStore): void {
  describe('Neo4j per-node concurrency', () => {
    it('lets another client write a different node while a write holds one open; the same node waits, then CONFLICT', async () => {
      const store = getStore();
      const ctx = { actor: 'seed' };
      const x = (await store.upsertNode({ kind: 'Topic', name: 'node x' }, ctx)).node;
      const y = (await store.upsertNode({ kind: 'Topic', name: 'node y' }, ctx)).node;
      const alice = secondClient(store.database);
      const bob = secondClient(store.database);
      const aliceDriver = new Neo4jDriver(alice.driver, store.database, false, 60_000);
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let saved = (): void => undefined;
      const xSaved = new Promise<void>((resolve) => {
        saved = resolve;
      });
      try {
        // Alice's transaction changes x and stays open (a slow write, a long merge).
        const aliceWrite = aliceDriver.write('alice', async (w) => {
          const before = (await w.nodeById(x.id)) as GraphNode;
          const after = { ...before, description: 'alice', version: before.version + 1 };
          await w.saveNode(before, after);
          saved();
          await held;
        });
        await xSaved;
        // Bob writes y meanwhile: not delayed by alice's open transaction.
        const bobOnY = bob.store.updateNode(
          { id: y.id, expectedVersion: y.version, patch: { description: 'bob' } },
          { actor: 'bob' },
        );
        expect(await within(bobOnY, 5_000)).toMatchObject({ description: 'bob', version: y.version + 1 });
        // Bob writes x with the version he read: waits for alice's lock, then refuses (she changed x).
        const bobOnX = codeOf(
          bob.store.updateNode(
            { id: x.id, expectedVersion: x.version, patch: { description: 'bob' } },
            { actor: 'bob' },
          ),
        );
        expect(await within(bobOnX, 1_000)).toBe('pending');
        release();
        await aliceWrite;
        expect(await bobOnX).toBe('CONFLICT');
        expect(await store.getNode(x.id)).toMatchObject({ description: 'alice', version: x.version + 1 });
      } finally {
        release();
        await Promise.all([alice.driver.close(), bob.driver.close()]);
      }
    }, 60_000);

    it('loses no update when two clients write the same nodes in parallel, and creates each name and edge once', async () => {
      const store = getStore();
      const other = secondClient(store.database);
      const clients = [store, other.store];
      const names = Array.from({ length: 6 }, (_, i) => `shared topic ${i}`);
      const problem = (await store.upsertNode({ kind: 'Problem', name: 'shared problem' }, { actor: 'seed' }))
        .node;
      try {
        // 120 upserts without versions: each adds its own alias to one of 6 names, creating the name first if
        // needed. Merged, not overwritten: every alias must survive.
        const upserts = Array.from({ length: 120 }, (_, i) => {
          const client = clients[i % 2] as Neo4jGraphStore;
          const name = names[i % names.length] as string;
          return client.upsertNode(
            { kind: 'Topic', name, aliases: [`alias ${i}`] },
            { actor: `writer ${i}` },
          );
        });
        // Meanwhile both clients add the same challenge and the same edge to it, 20 times each.
        const edges = Array.from({ length: 40 }, async (_, i) => {
          const client = clients[i % 2] as Neo4jGraphStore;
          const { node } = await client.upsertNode(
            { kind: 'Challenge', name: 'shared challenge' },
            { actor: `edger ${i}` },
          );
          return client.addEdge(
            { type: 'HAS_CHALLENGE', from: problem.id, to: node.id },
            { actor: `edger ${i}` },
          );
        });
        const results = await Promise.all(upserts);
        const edgeResults = await Promise.all(edges);

        for (const [index, name] of names.entries()) {
          const stored = (await store.getNodeByName('Topic', name)) as GraphNode;
          const mine = results.filter((_, i) => i % names.length === index);
          expect(new Set(mine.map((r) => r.node.id))).toEqual(new Set([stored.id]));
          expect(mine.filter((r) => r.created)).toHaveLength(1);
          const expected = mine.map((_, k) => `alias ${index + k * names.length}`);
          expect([...stored.aliases].sort()).toEqual([...expected].sort());
          // One version per change, one audit entry per change: none lost, none doubled.
          expect(stored.version).toBe(mine.filter((r) => r.changed && !r.created).length + 1);
          const audit = await store.auditLog({ entityId: stored.id, limit: 1_000 });
          expect(audit).toHaveLength(mine.filter((r) => r.changed).length);
        }
        expect(edgeResults.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(edgeResults.map((r) => r.edge.id)).size).toBe(1);
        const relation = await store.nodeRelation(problem.id);
        expect(relation.neighbours.HAS_CHALLENGE.outgoing).toHaveLength(1);
        const stats = await other.store.stats();
        expect(stats.nodes).toMatchObject({ Topic: names.length, Challenge: 1, Problem: 1 });
      } finally {
        await other.driver.close();
      }
    }, 120_000);
  });
}
