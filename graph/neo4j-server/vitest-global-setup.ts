import type { TestProject } from 'vitest/node';
import { createNeo4jDriver } from '../../src-main/graph/neo4j/connection.ts';
import { migrateNeo4j } from '../../src-main/graph/neo4j/migrations.ts';
import { startNeo4j } from './start.ts';

/**
 * vitest globalSetup: one real Neo4j for the whole run, migrated once (so test files never race to create the
 * schema), its Bolt URI handed to tests as inject('neo4jUri').
 *
 * MOTIV_NEO4J_TEST_URI reuses a server you started with `node graph/neo4j-server/start.ts`. The app's own
 * MOTIV_NEO4J_URI is deliberately NOT used: the store tests wipe the database, and that variable may well point
 * at the lab's real graph.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

const DATABASE = 'neo4j';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const log = (line: string): void => void process.stderr.write(`[neo4j] ${line}\n`);
  // For quick runs of files that need no Neo4j; the Neo4j suites then fail loudly rather than pass vacuously.
  if (process.env.MOTIV_TEST_NO_NEO4J === '1') {
    log('MOTIV_TEST_NO_NEO4J=1: not starting Neo4j');
    return undefined;
  }
  const external = process.env.MOTIV_NEO4J_TEST_URI?.trim();
  const server = external ? undefined : await startNeo4j({ log });
  if (server) log(`Neo4j ready at ${server.uri} in ${(server.startMs / 1000).toFixed(1)} s`);
  const uri = external ?? (server as { uri: string }).uri;
  const driver = createNeo4jDriver({ uri, database: DATABASE });
  try {
    await migrateNeo4j(driver, DATABASE);
  } catch (err) {
    await server?.stop();
    throw err;
  } finally {
    await driver.close();
  }
  project.provide('neo4jUri', uri);
  return server ? () => server.stop() : undefined;
}
