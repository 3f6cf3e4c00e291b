import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { startNeo4j } from '../../../graph/neo4j-server/start.ts';
import type { RunningNeo4j } from '../../../graph/neo4j-server/start.ts';
import { snapshot } from '../test-support/store-contract/helpers.ts';
import { createNeo4jDriver } from './connection.ts';
import {
  EXISTING_PROBLEM,
  INDEXED_MODEL,
  VECTOR_MODEL,
  fixtureVector,
  largeImportBatch,
  vectorImportBatch,
} from './import-journal-fixture.ts';
import { DEFER_INDEX_MIN_VECTORS, VECTOR_INDEX_NAME } from './import-vector-index.ts';
import { toNumber } from './mapping.ts';
import { migrateNeo4j } from './migrations.ts';
import { Neo4jGraphStore } from './neo4j-store.ts';

// Its own Neo4j with a 16 MB per-transaction memory limit (db.memory.transaction.max), as shared servers have:
// the run's shared test Neo4j has none. This file owns that server, so it may wipe it between tests.
const database = 'neo4j';
const ENTRIES = 20_000;
const CHILD = fileURLToPath(new URL('./import-journal-child.ts', import.meta.url));
let server: RunningNeo4j;
let driver: Driver;

beforeAll(async () => {
  server = await startNeo4j({ transactionMaxMb: 16 });
  driver = createNeo4jDriver({ uri: server.uri, database });
  await migrateNeo4j(driver, database);
}, 240_000);
afterAll(async () => {
  await driver?.close();
  await server?.stop();
}, 60_000);
beforeEach(async () => {
  // In batches: one transaction deleting 20k nodes would itself exceed the 16 MB limit.
  const session = driver.session({ database });
  try {
    await session.run(
      'MATCH (n) WHERE NOT n:__Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS',
    );
  } finally {
    await session.close();
  }
});

async function count(query: string): Promise<number> {
  const { records } = await driver.executeQuery(query, {}, { database });
  return toNumber(records[0]?.get('n'));
}

/** Nothing of the import's machinery left: no journal, no undo record, no tag on any node or relationship. */
async function bookkeepingLeft(): Promise<number[]> {
  return [
    await count('MATCH (j:ImportJournal) RETURN count(j) AS n'),
    await count('MATCH (u:ImportUndo) RETURN count(u) AS n'),
    await count('MATCH (x) WHERE x.importId IS NOT NULL RETURN count(x) AS n'),
    await count('MATCH ()-[r]->() WHERE r.importId IS NOT NULL RETURN count(r) AS n'),
  ];
}

/** Runs the importer child (import-journal-child.ts) and SIGKILLs it once `ready`; returns what it printed. */
async function killImporterWhen(
  args: string[],
  ready: () => Promise<boolean>,
  what: string,
): Promise<string> {
  const child = spawn(process.execPath, [CHILD, server.uri, database, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 240_000;
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`the importer ended before it could be killed: ${output}`);
    if (Date.now() > deadline) throw new Error(`the importer never ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  await exited;
  return output;
}

/** The user's graph before the import: the node the import merges into (with a vector) and one it ignores. */
async function seedExisting(store: Neo4jGraphStore): Promise<void> {
  const { node } = await store.upsertNode(
    { kind: 'Problem', name: EXISTING_PROBLEM, aliases: ['as the user left it'] },
    { actor: 'alice' },
  );
  await store.setEmbedding(
    { nodeId: node.id, model: VECTOR_MODEL, vector: [1, 0, 0, 0] },
    { actor: 'alice' },
  );
  await store.upsertNode({ kind: 'Topic', name: 'Untouched topic' }, { actor: 'alice' });
}

describe('Neo4j import under a per-transaction memory limit (16 MB)', () => {
  it('imports a 20k-entry file completely, in bounded transactions, and leaves no bookkeeping behind', async () => {
    const store = new Neo4jGraphStore(driver, database);
    await seedExisting(store);
    const result = await store.importBatch(largeImportBatch(ENTRIES), { actor: 'bob' });
    expect(result).toMatchObject({ nodesCreated: ENTRIES, nodesMerged: 1, edgesCreated: ENTRIES / 2 + 1 });
    expect(await count('MATCH (n:GraphNode) RETURN count(n) AS n')).toBe(ENTRIES + 2);
    const existing = await store.getNodeByName('Problem', EXISTING_PROBLEM);
    expect(existing?.description).toBe('changed by the import');
    expect(await store.getEmbedding(existing?.id ?? '', VECTOR_MODEL)).toEqual([0, 1, 0, 0]);
    expect(await bookkeepingLeft()).toEqual([0, 0, 0, 0]);
  }, 300_000);

  it('an import killed mid-way (SIGKILL) is rolled back exactly by the next recovery, and a retry creates each node once', async () => {
    const store = new Neo4jGraphStore(driver, database, false, 1_000);
    await seedExisting(store);
    const before = await snapshot(store);

    // Kill it once it has staged nodes AND merged into the stored node (an undo record exists): the worst case.
    const output = await killImporterWhen(
      [String(ENTRIES), '1000'],
      async () => (await count('MATCH (u:ImportUndo) RETURN count(u) AS n')) > 0,
      'merged into the stored node',
    );
    expect(output).not.toContain('done');
    expect(await count('MATCH (n:GraphNode) WHERE n.importId IS NOT NULL RETURN count(n) AS n')).toBe(
      ENTRIES,
    );
    expect((await store.getNodeByName('Problem', EXISTING_PROBLEM))?.description).toBe(
      'changed by the import',
    );

    await new Promise((resolve) => setTimeout(resolve, 1_500)); // its lease runs out
    expect(await store.recoverImports()).toBe(1);
    expect(await snapshot(store)).toEqual(before);
    expect(await bookkeepingLeft()).toEqual([0, 0, 0, 0]);

    const retry = await store.importBatch(largeImportBatch(ENTRIES), { actor: 'bob' });
    expect(retry).toMatchObject({ nodesCreated: ENTRIES, nodesMerged: 1 });
    expect(await count('MATCH (n:GraphNode) RETURN count(n) AS n')).toBe(ENTRIES + 2);
    expect(await bookkeepingLeft()).toEqual([0, 0, 0, 0]);
  }, 480_000);
});

/** The vector index's state, or null when it does not exist. */
async function vectorIndexState(): Promise<string | null> {
  const { records } = await driver.executeQuery(
    'SHOW INDEXES YIELD name, state WHERE name = $name RETURN state',
    { name: VECTOR_INDEX_NAME },
    { database },
  );
  return records[0] ? String(records[0].get('state')) : null;
}

async function nearestName(store: Neo4jGraphStore, vector: number[]): Promise<string | undefined> {
  const hits = await store.nodeSearch({ vector, model: INDEXED_MODEL, mode: 'vector', limit: 3 });
  return hits[0]?.node.name;
}

describe('Neo4j bulk load and the vector index', () => {
  const VECTORS = DEFER_INDEX_MIN_VECTORS + 200;

  it('into a graph without vectors: the index is built once after staging (absent meanwhile, no model visible, search answers lexically), ONLINE and searchable after', async () => {
    const store = new Neo4jGraphStore(driver, database);
    const midway: Array<{ index: string | null; hits: number; vectorRanked: number }> = [];
    await store.importBatchWatched(
      vectorImportBatch(VECTORS),
      { actor: 'bob' },
      {
        onProgress: async ({ done }) => {
          if (done !== 1) return;
          // A lab member's hybrid search meanwhile: no model is registered yet, so it is lexical, not an error.
          const hits = await store.nodeSearch({
            query: 'vector problem',
            vector: fixtureVector(3),
            limit: 5,
          });
          midway.push({
            index: await vectorIndexState(),
            hits: hits.length,
            vectorRanked: hits.filter((h) => h.vectorRank !== undefined).length,
          });
        },
      },
    );
    expect(midway).toEqual([{ index: null, hits: 5, vectorRanked: 0 }]);
    expect(await vectorIndexState()).toBe('ONLINE');
    expect(await nearestName(store, fixtureVector(700))).toBe('Vector problem 700');
    expect(await bookkeepingLeft()).toEqual([0, 0, 0, 0]);
  }, 300_000);

  it('into a graph with vectors: the index stays, and the stored vectors stay searchable throughout the load', async () => {
    const store = new Neo4jGraphStore(driver, database);
    const { node } = await store.upsertNode({ kind: 'Topic', name: 'Stored topic' }, { actor: 'alice' });
    const stored = fixtureVector(VECTORS + 1);
    await store.setEmbedding({ nodeId: node.id, model: INDEXED_MODEL, vector: stored }, { actor: 'alice' });
    const midway: Array<{ index: string | null; nearest: string | undefined }> = [];
    await store.importBatchWatched(
      vectorImportBatch(VECTORS),
      { actor: 'bob' },
      {
        onProgress: async () => {
          midway.push({ index: await vectorIndexState(), nearest: await nearestName(store, stored) });
        },
      },
    );
    expect(midway.length).toBeGreaterThan(2);
    for (const seen of midway) expect(seen).toEqual({ index: 'ONLINE', nearest: 'Stored topic' });
    expect(await nearestName(store, fixtureVector(9))).toBe('Vector problem 9');
  }, 300_000);

  it('cancelled mid-way (AbortSignal): CANCELLED, the graph as before and the index back', async () => {
    const store = new Neo4jGraphStore(driver, database);
    await store.upsertNode({ kind: 'Topic', name: 'Untouched topic' }, { actor: 'alice' });
    const before = await snapshot(store);
    const cancel = new AbortController();
    const progress: number[] = [];
    const importing = store.importBatchWatched(
      vectorImportBatch(VECTORS),
      { actor: 'bob' },
      {
        signal: cancel.signal,
        onProgress: ({ done, total }) => {
          progress.push(done / total);
          if (done === 2) cancel.abort();
        },
      },
    );
    await expect(importing).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(progress).toHaveLength(2);
    expect(await snapshot(store)).toEqual(before);
    expect(await bookkeepingLeft()).toEqual([0, 0, 0, 0]);
    await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
    expect(await vectorIndexState()).toBe('ONLINE');
  }, 300_000);

  it('killed (SIGKILL) after it dropped the index: recovery restores the graph and the index, and a retry is searchable', async () => {
    const entries = 3_000;
    const store = new Neo4jGraphStore(driver, database, false, 1_000);
    await store.upsertNode({ kind: 'Topic', name: 'Untouched topic' }, { actor: 'alice' });
    const before = await snapshot(store);
    // Kill it once vectors are staged while the index is gone: the state a crash must not leave behind.
    const output = await killImporterWhen(
      [String(entries), '1000', 'vectors'],
      async () =>
        (await count('MATCH (e:Embedding) RETURN count(e) AS n')) > 0 && (await vectorIndexState()) === null,
      'staged vectors without the index',
    );
    expect(output).not.toContain('done');

    await new Promise((resolve) => setTimeout(resolve, 1_500)); // its lease runs out
    expect(await store.recoverImports()).toBe(1);
    expect(await snapshot(store)).toEqual(before);
    expect(await bookkeepingLeft()).toEqual([0, 0, 0, 0]);
    await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
    expect(await vectorIndexState()).toBe('ONLINE');

    await store.importBatch(vectorImportBatch(entries), { actor: 'bob' });
    expect(await nearestName(store, fixtureVector(2_500))).toBe('Vector problem 2500');
  }, 480_000);
});
