import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { bufferIo, writeSmallDump } from '../../test-support/graph-cli-fixture.ts';
import { main } from '../../cli/main.ts';
import { registerIdeaNodeSyncTests } from '../../test-support/idea-node-sync-suite.ts';
import { registerCliOnNeo4jTests } from '../../test-support/cli-on-neo4j-suite.ts';
import { registerLibraryLabTests } from '../../test-support/library-lab-suite.ts';
import { registerGraphCurationTests } from '../../test-support/graph-curation-suite.ts';
import { registerGraphStoreSwitchTests } from '../../test-support/graph-store-switch-suite.ts';
import { registerAtlasMappingTests } from '../../test-support/atlas-mapping-suite.ts';
import { registerGraphPushTests } from '../../test-support/graph-push-suite.ts';
import { describeGraphStoreContract } from '../test-support/store-contract.ts';
import { describeNotesContract } from '../test-support/notes-contract.ts';
import { NodeNotes } from '../notes/node-notes.ts';
import { Neo4jNotesDriver } from '../notes/neo4j-notes-driver.ts';
import { loadSeedGraph } from '../seed/load-seed.ts';
import { readSeedData } from '../seed/read-seed.ts';
import { snapshot } from '../test-support/store-contract/helpers.ts';
import { registerConcurrentWriteTests } from '../test-support/neo4j/concurrent-writes.ts';
import { registerPerNodeConcurrencyTests } from '../test-support/neo4j/per-node-concurrency.ts';
import { registerImportParityTests } from '../test-support/neo4j/import-parity.ts';
import { registerNeo4jSpecificTests } from '../test-support/neo4j/neo4j-specifics.ts';
import { Neo4jGraphStore } from './neo4j-store.ts';
import { loadMigrations, migrateNeo4j } from './migrations.ts';
import { cleanTestDatabase, testDriver, testNeo4jConfig } from '../test-support/neo4j/test-database.ts';

// One real Neo4j 5.26 for the run (vitest-global-setup.ts), migrated once; every test starts on a database
// emptied of everything but the migration records. This is the only test file that writes graph data to it.
let driver: Driver;
const { database } = testNeo4jConfig();
// Every Neo4j suite runs in this one file against one shared server: on a busy 2-core machine a single contract
// test (a fresh schema, plans made again) has taken over the default 20 s while passing on a quiet one.
vi.setConfig({ testTimeout: 60_000 });

beforeAll(async () => {
  driver = testDriver();
  await migrateNeo4j(driver, database);
});
afterAll(async () => {
  await driver.close();
});

async function freshStore(): Promise<Neo4jGraphStore> {
  await cleanTestDatabase(driver, database);
  return new Neo4jGraphStore(driver, database);
}

describeGraphStoreContract('neo4j', freshStore);

// Two lab members: two Bolt drivers on one database (the first borrowed from this file, the second its own).
describeNotesContract('neo4j (two drivers on one database)', async () => {
  await cleanTestDatabase(driver, database);
  const second = testDriver();
  return {
    a: new NodeNotes(new Neo4jNotesDriver(driver, database)),
    b: new NodeNotes(new Neo4jNotesDriver(second, database, () => second.close())),
  };
});

describe('Neo4jGraphStore', () => {
  let store: Neo4jGraphStore | undefined;
  beforeEach(async () => {
    store = await freshStore();
  });
  afterEach(async () => {
    await store?.close();
  });
  registerNeo4jSpecificTests(
    () => store as Neo4jGraphStore,
    () => driver,
  );
  registerImportParityTests(() => store as Neo4jGraphStore);
  registerConcurrentWriteTests(() => store as Neo4jGraphStore);
  registerPerNodeConcurrencyTests(() => store as Neo4jGraphStore);
});

// The ideator's write-back on Neo4j; the embedded run is in ideator/graph-writeback.test.ts.
registerIdeaNodeSyncTests('neo4j', freshStore);

describe('V004 generated origin on Neo4j', () => {
  it("re-labels Idea nodes and their CITES edges written as 'curated', and nothing else", async () => {
    const store = await freshStore();
    try {
      const ctx = { actor: 'older app' };
      const idea = (await store.upsertNode({ kind: 'Idea', name: 'Old idea', origin: 'curated' }, ctx)).node;
      const problem = (
        await store.upsertNode({ kind: 'Problem', name: 'Hand problem', origin: 'curated' }, ctx)
      ).node;
      const challenge = (
        await store.upsertNode({ kind: 'Challenge', name: 'Hand challenge', origin: 'curated' }, ctx)
      ).node;
      const cites = await store.addEdge(
        { type: 'CITES', from: idea.id, to: problem.id, origin: 'curated' },
        ctx,
      );
      const has = await store.addEdge(
        { type: 'HAS_CHALLENGE', from: problem.id, to: challenge.id, origin: 'curated' },
        ctx,
      );
      const v4 = loadMigrations().find((m) => m.version === 4);
      if (!v4) throw new Error('V004 missing');
      // Twice: a re-run (crash between the file and its record) must change nothing more.
      for (let run = 0; run < 2; run++)
        for (const statement of v4.statements) await driver.executeQuery(statement, {}, { database });
      expect(await store.getNode(idea.id)).toMatchObject({ origin: 'generated' });
      expect(await store.getNode(problem.id)).toMatchObject({ origin: 'curated' });
      expect(await store.getEdge(cites.edge.id)).toMatchObject({ origin: 'generated' });
      expect(await store.getEdge(has.edge.id)).toMatchObject({ origin: 'curated' });
    } finally {
      await store.close();
    }
  });
});

// The shipped seed graph on Neo4j, as load-seed.test.ts checks it on the embedded store.
describe('the seed graph on Neo4j', () => {
  it('loads every paper, node and edge, and a second load changes nothing', async () => {
    const store = await freshStore();
    try {
      const seed = readSeedData();
      const first = await loadSeedGraph(store, seed);
      expect(first.nodesCreated).toBe(seed.papers.papers.length + seed.graph.nodes.length);
      expect(first.edgesCreated).toBe(seed.graph.edges.length);
      const stats = await store.stats();
      const kinds = (kind: string) => seed.graph.nodes.filter((n) => n.kind === kind).length;
      expect(stats.nodes).toMatchObject({
        Paper: seed.papers.papers.length,
        Problem: kinds('Problem'),
        Challenge: kinds('Challenge'),
        Solution: kinds('Solution'),
      });
      expect(stats.review).toEqual({ proposed: 0, approved: first.nodesCreated, rejected: 0 });

      const before = await snapshot(store);
      const second = await loadSeedGraph(store, seed);
      expect(second).toMatchObject({ nodesCreated: 0, nodesMerged: 0, edgesCreated: 0 });
      expect(await snapshot(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });
});

// The planning-methods atlas mapped onto the seed graph on Neo4j (src-main/test-support/atlas-mapping-suite.ts).
registerAtlasMappingTests('neo4j', async () => {
  const store = await freshStore();
  await loadSeedGraph(store);
  return store;
});

// `motiv ideate`, `motiv mine` and `motiv import` with MOTIV_NEO4J_URI set (src-main/test-support).
registerCliOnNeo4jTests(freshStore, () => testNeo4jConfig().uri);

// The ideas library's lab ideas: two members' cores on the one server (src-main/test-support).
registerLibraryLabTests(freshStore, () => testNeo4jConfig().uri);
registerGraphStoreSwitchTests(freshStore, () => testNeo4jConfig().uri);
// The curation channels, two lab members (own data directories and display names) on this Neo4j; the embedded
// run is core/graph-curation-handlers.test.ts.
const curationDirs: string[] = [];
afterAll(() => {
  for (const dir of curationDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
registerGraphCurationTests('neo4j', {
  dataDirs: () => {
    const pair: [string, string] = [
      mkdtempSync(join(tmpdir(), 'motiv-curate-a-')),
      mkdtempSync(join(tmpdir(), 'motiv-curate-b-')),
    ];
    curationDirs.push(...pair);
    return pair;
  },
  graphEnv: { MOTIV_NEO4J_URI: testNeo4jConfig().uri },
  fresh: () => cleanTestDatabase(driver, database),
});

// `graph.push` as a job (progress, cancel, a second pusher, a hostile embedded file) into this Neo4j.
const pushDirs: string[] = [];
afterAll(() => {
  for (const dir of pushDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
registerGraphPushTests({
  dataDir: () => {
    const dir = mkdtempSync(join(tmpdir(), 'motiv-push-'));
    pushDirs.push(dir);
    return dir;
  },
  graphEnv: { MOTIV_NEO4J_URI: testNeo4jConfig().uri },
  freshLab: freshStore,
});

// `motiv graph` against the real server: here because this is the one file that writes to it.
describe('motiv graph against Neo4j', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('pushes the embedded graph to Neo4j, then stats, check and migrate answer from Neo4j', async () => {
    await cleanTestDatabase(driver, database);
    const dir = mkdtempSync(join(tmpdir(), 'motiv-cli-neo4j-'));
    dirs.push(dir);
    const embedded = { MOTIV_DATA_DIR: join(dir, 'data') };
    expect(await main(['graph', 'restore', await writeSmallDump(dir), '--replace'], bufferIo(embedded))).toBe(
      0,
    );

    const lab = { ...embedded, MOTIV_NEO4J_URI: testNeo4jConfig().uri };
    const push = bufferIo(lab);
    expect(await main(['graph', 'push', '--replace'], push)).toBe(0);
    expect(push.stdout()).toMatch(/^pushed \d+ nodes and \d+ edges from the embedded store to Neo4j\n$/);

    const statsOf = async (env: NodeJS.ProcessEnv): Promise<unknown> => {
      const io = bufferIo(env);
      expect(await main(['graph', 'stats', '--json'], io)).toBe(0);
      const { nodes, edges, review } = JSON.parse(io.stdout()) as Record<string, unknown>;
      return { nodes, edges, review };
    };
    expect(await statsOf(lab)).toEqual(await statsOf(embedded));

    const check = bufferIo(lab);
    expect(await main(['graph', 'check'], check)).toBe(0);
    expect(check.stdout()).toMatch(/^neo4j store reachable, schema version \d+\n$/);

    const migrate = bufferIo(lab);
    expect(await main(['graph', 'migrate'], migrate)).toBe(0);
    expect(migrate.stdout()).toBe('schema up to date\n');
  });

  it('explains an unreachable server with exit 1', async () => {
    const io = bufferIo({
      MOTIV_DATA_DIR: mkdtempSync(join(tmpdir(), 'motiv-cli-neo4j-')),
      MOTIV_NEO4J_URI: 'bolt://127.0.0.1:9',
    });
    expect(await main(['graph', 'check'], io)).toBe(1);
    expect(io.stderr()).toMatch(/motiv graph: .*127\.0\.0\.1:9/);
  });
});
