import type { Driver } from 'neo4j-driver';
import { startNeo4j } from '../graph/neo4j-server/start.ts';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { createNeo4jDriver } from '../src-main/graph/neo4j/connection.ts';
import { migrateNeo4j } from '../src-main/graph/neo4j/migrations.ts';
import { Neo4jGraphStore } from '../src-main/graph/neo4j/neo4j-store.ts';
import { CLEAR_ALL_BUT_MIGRATIONS } from '../src-main/graph/neo4j/queries.ts';
import type { GraphStore } from '../src-main/graph/port.ts';
import { sampleGraphBatch } from '../src-main/test-support/graph-sample.ts';
import { test as base } from './fixtures.ts';

const DATABASE = 'neo4j';

/** The project's real Neo4j 5.26 (graph/neo4j-server), started once per worker and migrated once. */
interface LabServer {
  uri: string;
  driver: Driver;
}

/** The graph the app under test works on, opened beside it to seed and to read back what the UI wrote. */
export interface LabGraph {
  kind: 'embedded' | 'neo4j';
  open(): Promise<GraphStore>;
}

interface WorkerFixtures {
  /** Which store the app runs on: the embedded file in its data directory, or the lab's Neo4j. */
  graphStore: 'embedded' | 'neo4j';
  neo4jServer: LabServer | null;
}

interface TestFixtures {
  /** What the lab graph holds when the app starts on Neo4j: the sample graph, or nothing. */
  labSeed: 'sample' | 'none';
  labGraph: LabGraph;
}

/**
 * The app on either store. On Neo4j (`test.use({ graphStore: 'neo4j' })`) the worker starts one real server
 * (graph/neo4j-server/start.ts, as vitest's global setup does) and every test gets it wiped to the migration
 * records, seeded as `labSeed` says, with the app pointed at it through MOTIV_NEO4J_URI.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  graphStore: ['embedded', { scope: 'worker', option: true }],
  neo4jServer: [
    async ({ graphStore }, use) => {
      if (graphStore !== 'neo4j') return use(null);
      const server = await startNeo4j({ log: (line) => void process.stderr.write(`[neo4j] ${line}\n`) });
      const driver = createNeo4jDriver({ uri: server.uri, database: DATABASE });
      try {
        await migrateNeo4j(driver, DATABASE);
        await use({ uri: server.uri, driver });
      } finally {
        await driver.close();
        await server.stop();
      }
    },
    // The first start compiles the launcher and may fetch the jars (Maven Central).
    { scope: 'worker', timeout: 240_000 },
  ],
  labSeed: ['none', { option: true }],
  labGraph: async ({ app, neo4jServer }, use) => {
    const server = neo4jServer;
    await use({
      kind: server ? 'neo4j' : 'embedded',
      open: async () =>
        server
          ? new Neo4jGraphStore(server.driver, DATABASE)
          : EmbeddedGraphStore.open(embeddedGraphPath(app.dataDir)),
    });
  },
  // Runs before `app` starts (app depends on appEnv): a wiped, seeded lab graph, and the app pointed at it.
  appEnv: async ({ appEnv, neo4jServer, labSeed }, use) => {
    if (!neo4jServer) return use(appEnv);
    await neo4jServer.driver.executeQuery(CLEAR_ALL_BUT_MIGRATIONS, {}, { database: DATABASE });
    if (labSeed === 'sample') {
      const store = new Neo4jGraphStore(neo4jServer.driver, DATABASE);
      await store.importBatch(sampleGraphBatch(), { actor: 'test seed' });
    }
    await use({ ...appEnv, MOTIV_NEO4J_URI: neo4jServer.uri });
  },
});

/** Runs `read` on the app's graph store and closes the handle (a Neo4j handle leaves the shared driver open). */
export async function readLabGraph<T>(lab: LabGraph, read: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await lab.open();
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

export { expect, captureScreenshot, type AppHandle } from './fixtures.ts';
