import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { appliedMigrations, loadMigrations, migrateNeo4j, splitCypherStatements } from './migrations.ts';
import { openNeo4jStore } from './open-store.ts';
import { TEST_SHOW_CONSTRAINTS, TEST_SHOW_INDEXES } from './queries.ts';
import { testDriver, testNeo4jConfig } from '../test-support/neo4j/test-database.ts';

// Runs against the shared test database; every step here is idempotent, so the store tests running beside it
// are undisturbed.
let driver: Driver;
const { database } = testNeo4jConfig();

beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await driver.close();
});

async function schemaNames(query: string): Promise<Map<string, Record<string, unknown>>> {
  const { records } = await driver.executeQuery(query, {}, { database });
  return new Map(records.map((r) => [String(r.get('name')), r.toObject()]));
}

describe('Cypher migrations', () => {
  it('loads graph/migrations/V*.cypher in version order, one statement per query', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => `${m.version}:${m.name}`)).toEqual([
      '1:constraints',
      '2:fulltext_index',
      '3:vector_index',
      '4:generated_origin',
      '5:node_notes',
    ]);
    for (const m of migrations.filter((m) => m.version !== 4)) {
      for (const s of m.statements)
        expect(s).toMatch(/^CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX|VECTOR INDEX) \w+ IF NOT EXISTS/);
    }
    // Data migrations match and set, so a re-run after a crash between file and record changes nothing more.
    for (const s of migrations.find((m) => m.version === 4)?.statements ?? [])
      expect(s).toMatch(/^MATCH .+ WHERE .+ SET /s);
    expect(splitCypherStatements('// note;\nRETURN 1;\n\nRETURN 2')).toEqual(['RETURN 1', 'RETURN 2']);
  });

  it('records every applied version, and a re-run applies nothing and changes no record', async () => {
    await migrateNeo4j(driver, database);
    const before = await appliedMigrations(driver, database);
    expect(before.map((m) => m.version)).toEqual([1, 2, 3, 4, 5]);
    expect(before.map((m) => m.checksum)).toEqual(loadMigrations().map((m) => m.checksum));
    const again = await migrateNeo4j(driver, database);
    expect(again).toEqual({ applied: [], schemaVersion: 5 });
    expect(await appliedMigrations(driver, database)).toEqual(before);
  });

  it('creates the constraints, the full-text index and the 384-dim cosine vector index', async () => {
    const constraints = await schemaNames(TEST_SHOW_CONSTRAINTS);
    for (const name of [
      'graph_node_id',
      'problem_name',
      'solved_by_id',
      'embedding_node_model',
      'node_note_id',
    ]) {
      expect(constraints.has(name), name).toBe(true);
    }
    const indexes = await schemaNames(TEST_SHOW_INDEXES);
    expect(indexes.get('node_text')).toMatchObject({ type: 'FULLTEXT', state: 'ONLINE' });
    const vector = indexes.get('embedding_vector');
    expect(vector).toMatchObject({ type: 'VECTOR', state: 'ONLINE' });
    const config = (vector?.options as { indexConfig: Record<string, unknown> }).indexConfig;
    expect(Number(config['vector.dimensions'])).toBe(384);
    expect(config['vector.similarity_function']).toBe('COSINE');
  });

  it('applies a file in one transaction: a failing statement leaves nothing of the file and no record', async () => {
    const broken = {
      version: 6,
      name: 'broken',
      file: 'V006__broken.cypher',
      checksum: 'x',
      statements: [
        'CREATE INDEX migration_test_probe IF NOT EXISTS FOR (n:Topic) ON (n.level)',
        'CREATE INDEX this is not cypher',
      ],
    };
    await expect(migrateNeo4j(driver, database, [...loadMigrations(), broken])).rejects.toThrow();
    expect((await schemaNames(TEST_SHOW_INDEXES)).has('migration_test_probe')).toBe(false);
    expect((await appliedMigrations(driver, database)).map((m) => m.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('openNeo4jStore checks the server, migrates, and returns a store on the current schema', async () => {
    const { store, server, applied } = await openNeo4jStore(testNeo4jConfig());
    try {
      expect(server.version).toMatch(/^5\.26\./);
      expect(applied).toEqual([]);
      expect((await store.stats()).schemaVersion).toBe(5);
    } finally {
      await store.close();
    }
  });
});
