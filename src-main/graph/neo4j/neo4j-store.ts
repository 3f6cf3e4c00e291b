import type { Driver } from 'neo4j-driver';
import { GraphStore } from '../graph-store.ts';
import type { Neo4jConfig } from './config.ts';
import { createNeo4jDriver } from './connection.ts';
import { DEFAULT_IMPORT_LEASE_MS } from './import-journal.ts';
import type { ImportOptions } from './import-journal.ts';
import { parseInput } from '../parse-input.ts';
import type { ImportBatchInput, ImportResult, WriteContext } from '../port.ts';
import { ImportBatchSchema, WriteContextSchema } from '../schemas.ts';
import { Neo4jDriver } from './neo4j-driver.ts';

/**
 * The GraphStore on Neo4j 5.26+: what lab groups share. The rules are GraphStore's; the driver
 * (neo4j-driver.ts) holds what only Neo4j needs: the write lock and gate, journaled imports, error mapping.
 * Run the Cypher migrations (migrations.ts) before opening a store on a new database.
 */
export class Neo4jGraphStore extends GraphStore<Neo4jDriver> {
  readonly database: string;

  constructor(driver: Driver, database: string, ownsDriver = false, importLeaseMs = DEFAULT_IMPORT_LEASE_MS) {
    super(new Neo4jDriver(driver, database, ownsDriver, importLeaseMs));
    this.database = database;
  }

  static open(config: Neo4jConfig): Neo4jGraphStore {
    return new Neo4jGraphStore(createNeo4jDriver(config), config.database, true);
  }

  /** importBatch for long loads (a push): progress after each staged transaction, and a signal that cancels it
   * (everything staged is rolled back; CANCELLED). */
  importBatchWatched(
    input: ImportBatchInput,
    ctx: WriteContext,
    watch: Pick<ImportOptions, 'onProgress' | 'signal'>,
  ): Promise<ImportResult> {
    const parsed = parseInput(ImportBatchSchema, input, 'import batch');
    const { actor } = parseInput(WriteContextSchema, ctx, 'write context');
    return this.driver.importBatch(parsed, actor, watch);
  }

  /** Rolls back imports that crashed (lease expired) and tidies committed ones; also run before each import. */
  recoverImports(): Promise<number> {
    return this.driver.recoverImports();
  }
}
