import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { describeGraphStoreContract } from '../store-contract.ts';
import { registerNeo4jSpecificTests } from './neo4j-specifics.ts';
import { Neo4jGraphStore } from './neo4j-store.ts';
import { migrateNeo4j } from './migrations.ts';
import { cleanTestDatabase, testDriver, testNeo4jConfig } from './test-database.ts';

// One real Neo4j 5.26 for the run (vitest-global-setup.ts), migrated once; every test starts on a database
// emptied of everything but the migration records. This is the only test file that writes graph data to it.
let driver: Driver;
const { database } = testNeo4jConfig();

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
});
