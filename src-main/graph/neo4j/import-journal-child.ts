/**
 * Tests only (import-journal.test.ts): a separate process that imports a large batch into the Neo4j at argv[2],
 * so the test can SIGKILL it mid-import like a crash. Prints `done` if it ever finishes.
 */
import { createNeo4jDriver } from './connection.ts';
import { largeImportBatch } from './import-journal-fixture.ts';
import { Neo4jGraphStore } from './neo4j-store.ts';

const [uri = '', database = 'neo4j', entries = '20000', leaseMs = '1000'] = process.argv.slice(2);
const store = new Neo4jGraphStore(createNeo4jDriver({ uri, database }), database, true, Number(leaseMs));
await store.importBatch(largeImportBatch(Number(entries)), { actor: 'crashing-importer' });
console.log('done');
await store.close();
