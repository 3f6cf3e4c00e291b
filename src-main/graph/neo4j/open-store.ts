import type { Neo4jConfig } from './config.ts';
import { createNeo4jDriver, explainNeo4jFailure, testNeo4jConnection } from './connection.ts';
import type { Neo4jServerCheck } from './connection.ts';
import { loadMigrations, migrateNeo4j } from './migrations.ts';
import { Neo4jGraphStore } from './neo4j-store.ts';

export interface OpenedNeo4jStore {
  store: Neo4jGraphStore;
  server: Neo4jServerCheck;
  /** Migrations applied by this call, as file stems (`V002__fulltext_index`); empty when the schema was current. */
  applied: string[];
}

/**
 * The one way the app opens the lab's Neo4j: check the server (unreachable / auth / version / database each get
 * their own error), apply pending Cypher migrations, roll back crashed imports (import-journal.ts), then hand back
 * a store that owns its driver.
 */
export async function openNeo4jStore(config: Neo4jConfig): Promise<OpenedNeo4jStore> {
  const server = await testNeo4jConnection(config);
  const driver = createNeo4jDriver(config);
  try {
    const migrations = loadMigrations();
    const { applied } = await migrateNeo4j(driver, config.database, migrations);
    const names = migrations
      .filter((m) => applied.includes(m.version))
      .map((m) => m.file.replace(/\.cypher$/, ''));
    const store = new Neo4jGraphStore(driver, config.database, true);
    // An import that crashed while nobody else imported would otherwise wait for the next import's recovery.
    await store.recoverImports();
    return { store, server, applied: names };
  } catch (err) {
    await driver.close();
    throw explainNeo4jFailure(err, config);
  }
}
