import { lintCypherQuery } from '@neo4j-cypher/language-support';
import type { DbSchema, Neo4jFunction, Neo4jProcedure } from '@neo4j-cypher/language-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { loadMigrations } from './migrations.ts';
import * as exploreQueries from './explore-queries.ts';
import * as journalQueries from './import-journal-queries.ts';
import * as queries from './queries.ts';
import * as notesQueries from '../notes/neo4j-notes-queries.ts';
import { testDriver, testNeo4jConfig } from '../test-support/neo4j/test-database.ts';
import { NEO4J_LABELS, NEO4J_PROPERTY_KEYS, NEO4J_RELATIONSHIP_TYPES } from './vocabulary.ts';

/**
 * Every Cypher text in the repo passes Neo4j's own linter with no errors and no warnings, against our schema:
 * our labels, relationship types and property keys, and the procedures and functions of the real Neo4j 5.26
 * the tests run on (read with SHOW PROCEDURES / SHOW FUNCTIONS). A misspelt label, property, procedure or a
 * syntax error fails here, before any query reaches a server.
 */

function allQueries(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries({
    ...queries,
    ...journalQueries,
    ...exploreQueries,
    ...notesQueries,
  })) {
    if (typeof value === 'string') out.push([name, value]);
    else for (const [key, text] of Object.entries(value)) out.push([`${name}.${key}`, text as string]);
  }
  for (const migration of loadMigrations()) {
    migration.statements.forEach((statement, i) => out.push([`${migration.file} #${i + 1}`, statement]));
  }
  return out;
}

/** Declares exactly the parameters a query uses, so an undeclared one is still an error elsewhere. */
function parametersOf(query: string): Record<string, unknown> {
  return Object.fromEntries([...query.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => [m[1], null]));
}

let driver: Driver;
let procedures: Record<string, Neo4jProcedure> = {};
let functions: Record<string, Neo4jFunction> = {};

beforeAll(async () => {
  driver = testDriver();
  const { database } = testNeo4jConfig();
  const procs = await driver.executeQuery(queries.SHOW_PROCEDURES, {}, { database });
  procedures = Object.fromEntries(procs.records.map((r) => [r.get('name'), r.toObject() as Neo4jProcedure]));
  const funcs = await driver.executeQuery(queries.SHOW_FUNCTIONS, {}, { database });
  functions = Object.fromEntries(funcs.records.map((r) => [r.get('name'), r.toObject() as Neo4jFunction]));
});

afterAll(async () => {
  await driver.close();
});

describe('Cypher lint (@neo4j-cypher/language-support)', () => {
  const texts = allQueries();

  it('finds the queries and migrations it checks', () => {
    expect(texts.length).toBeGreaterThan(60);
    expect(texts.some(([name]) => name.startsWith('V003__'))).toBe(true);
  });

  it('knows the server procedures our queries call', () => {
    expect(Object.keys(procedures)).toEqual(
      expect.arrayContaining([
        'db.index.fulltext.queryNodes',
        'db.index.vector.queryNodes',
        'db.awaitIndexes',
      ]),
    );
    expect(Object.keys(functions)).toContain('vector.similarity.cosine');
  });

  it.each(texts)('%s lints clean', (_name, query) => {
    const schema: DbSchema = {
      labels: [...NEO4J_LABELS],
      relationshipTypes: [...NEO4J_RELATIONSHIP_TYPES],
      propertyKeys: [...NEO4J_PROPERTY_KEYS],
      procedures: { 'CYPHER 5': procedures },
      functions: { 'CYPHER 5': functions },
      parameters: parametersOf(query),
      defaultLanguage: 'CYPHER 5',
    };
    const { diagnostics } = lintCypherQuery(query, schema);
    expect(diagnostics.map((d) => `${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`)).toEqual([]);
  });
});
