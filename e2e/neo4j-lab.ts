import { existsSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { startNeo4j, type RunningNeo4j } from '../graph/neo4j-server/start.ts';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { createNeo4jDriver } from '../src-main/graph/neo4j/connection.ts';
import { migrateNeo4j } from '../src-main/graph/neo4j/migrations.ts';
import { Neo4jGraphStore } from '../src-main/graph/neo4j/neo4j-store.ts';
import { CLEAR_ALL_BUT_MIGRATIONS } from '../src-main/graph/neo4j/queries.ts';
import type { GraphStore } from '../src-main/graph/port.ts';

const DATABASE = 'neo4j';

/**
 * The Playwright Neo4j lane's server: the project's real Neo4j 5.26 (graph/neo4j-server/start.ts, as vitest's
 * global setup starts it), migrated once per worker. Each test's app gets it wiped and filled with what the spec
 * prepared in the app's data directory, so a spec written for the embedded store runs unchanged on Neo4j.
 */
export class Neo4jLab {
  private readonly server: RunningNeo4j;
  private readonly driver: Driver;

  private constructor(server: RunningNeo4j, driver: Driver) {
    this.server = server;
    this.driver = driver;
  }

  static async start(): Promise<Neo4jLab> {
    const server = await startNeo4j({ log: (line) => void process.stderr.write(`[neo4j] ${line}\n`) });
    const driver = createNeo4jDriver({ uri: server.uri, database: DATABASE });
    try {
      await migrateNeo4j(driver, DATABASE);
    } catch (err) {
      await driver.close();
      await server.stop();
      throw err;
    }
    return new Neo4jLab(server, driver);
  }

  /** A handle on the lab graph (closing it leaves the shared driver open). */
  open(): GraphStore {
    return new Neo4jGraphStore(this.driver, DATABASE);
  }

  /**
   * The lab graph emptied, then given the graph the spec prepared in `dataDir`'s embedded file (if any); the
   * environment that points the app at it.
   */
  async prepareFor(dataDir: string): Promise<Record<string, string>> {
    await this.driver.executeQuery(CLEAR_ALL_BUT_MIGRATIONS, {}, { database: DATABASE });
    const file = embeddedGraphPath(dataDir);
    if (existsSync(file)) {
      const embedded = EmbeddedGraphStore.open(file);
      const lab = this.open();
      try {
        await lab.restore(await embedded.dump(), { actor: 'test seed' }, { replace: true });
      } finally {
        await embedded.close();
        await lab.close();
      }
    }
    return { MOTIV_NEO4J_URI: this.server.uri };
  }

  async stop(): Promise<void> {
    await this.driver.close();
    await this.server.stop();
  }
}
