import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../../neo4j/config.ts';
import { createNeo4jDriver } from '../../neo4j/connection.ts';
import { CLEAR_ALL_BUT_MIGRATIONS } from '../../neo4j/queries.ts';

/** Tests only: the Neo4j started by graph/neo4j-server/vitest-global-setup.ts (or MOTIV_NEO4J_URI). */
export function testNeo4jConfig(): Neo4jConfig {
  const uri = inject('neo4jUri');
  if (!uri) {
    throw new Error(
      'No Neo4j for tests: add graph/neo4j-server/vitest-global-setup.ts to the vitest globalSetup',
    );
  }
  return { uri, database: 'neo4j' };
}

/** Empties the (migrated) database of everything but the migration records: a fresh graph per test. */
export async function cleanTestDatabase(driver: Driver, database: string): Promise<void> {
  await driver.executeQuery(CLEAR_ALL_BUT_MIGRATIONS, {}, { database });
}

export function testDriver(): Driver {
  return createNeo4jDriver(testNeo4jConfig());
}
