/**
 * Tests only (import-journal.test.ts): a separate process that imports a large batch into the Neo4j at argv[2],
 * so the test can SIGKILL it mid-import like a crash. Prints `done` if it ever finishes. With `vectors` as the
 * fifth argument the batch is `entries` nodes with 384-dimension vectors (a load that defers the vector index).
 */
import { createNeo4jDriver } from './connection.ts';
import { largeImportBatch, vectorImportBatch } from './import-journal-fixture.ts';
import { Neo4jGraphStore } from './neo4j-store.ts';

const [uri = '', database = 'neo4j', entries = '20000', leaseMs = '1000', shape = 'large'] =
  process.argv.slice(2);
const store = new Neo4jGraphStore(createNeo4jDriver({ uri, database }), database, true, Number(leaseMs));
const batch = shape === 'vectors' ? vectorImportBatch(Number(entries)) : largeImportBatch(Number(entries));
await store.importBatch(batch, { actor: 'crashing-importer' });
console.log('done');
await store.close();
