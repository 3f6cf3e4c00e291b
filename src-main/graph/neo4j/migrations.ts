import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { AppError } from '../../shared/errors.ts';
import { resourcePath } from '../../shared/resources.ts';
import { toAppError } from './errors.ts';
import { int, toNumber } from './mapping.ts';
import { APPLIED_MIGRATIONS, AWAIT_INDEXES, MIGRATION_CONSTRAINT, RECORD_MIGRATION } from './queries.ts';

/** graph/migrations/V001__name.cypher …, applied in version order. */
export const MIGRATIONS_DIR = resourcePath('cypherMigrations');

export interface CypherMigration {
  version: number;
  name: string;
  file: string;
  statements: string[];
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
  checksum: string;
}

/** Statements end with `;` at a line end; `//` comment lines are dropped (our files hold no strings with `;\n`). */
export function splitCypherStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): CypherMigration[] {
  const found = readdirSync(dir).flatMap((file) => {
    const match = /^V(\d{3,})__(\w+)\.cypher$/.exec(file);
    if (!match?.[1] || !match[2]) return [];
    const text = readFileSync(join(dir, file), 'utf8');
    return [
      {
        version: Number(match[1]),
        name: match[2],
        file,
        statements: splitCypherStatements(text),
        checksum: createHash('sha256').update(text).digest('hex'),
      },
    ];
  });
  found.sort((a, b) => a.version - b.version);
  found.forEach((m, i) => {
    if (found[i - 1]?.version === m.version)
      throw new Error(`Two Cypher migrations share version ${m.version}`);
  });
  return found;
}

export async function appliedMigrations(driver: Driver, database: string): Promise<AppliedMigration[]> {
  const { records } = await driver.executeQuery(APPLIED_MIGRATIONS, {}, { database, routing: 'READ' });
  return records.map((r) => ({
    version: toNumber(r.get('version')),
    name: String(r.get('name')),
    appliedAt: String(r.get('appliedAt')),
    checksum: String(r.get('checksum')),
  }));
}

export interface MigrateResult {
  applied: number[];
  schemaVersion: number;
}

/**
 * Applies pending migrations in order. Neo4j refuses schema and data writes in one transaction, so each file's
 * statements run together in one schema transaction and the record of it follows in a second one. Every
 * statement is `IF NOT EXISTS`, so a crash between the two only means the file is re-run, harmlessly.
 */
export async function migrateNeo4j(
  driver: Driver,
  database: string,
  migrations: readonly CypherMigration[] = loadMigrations(),
): Promise<MigrateResult> {
  try {
    await driver.executeQuery(MIGRATION_CONSTRAINT, {}, { database });
    const done = new Map((await appliedMigrations(driver, database)).map((m) => [m.version, m]));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const unknown = [...done.keys()].filter((v) => v > newest);
    if (unknown.length > 0) {
      // A database migrated by a newer app: refuse rather than guess at a schema we do not know.
      throw new AppError(
        'CONFLICT',
        `Neo4j graph has schema version ${Math.max(...unknown)}; this app knows ${newest}`,
        {
          field: 'schemaVersion',
        },
      );
    }
    const applied: number[] = [];
    const session = driver.session({ database, defaultAccessMode: 'WRITE' });
    try {
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await session.executeWrite(async (tx) => {
          for (const statement of migration.statements) await tx.run(statement);
        });
        await session.executeWrite((tx) =>
          tx.run(RECORD_MIGRATION, {
            version: int(migration.version),
            name: migration.name,
            appliedAt: new Date().toISOString(),
            checksum: migration.checksum,
          }),
        );
        applied.push(migration.version);
      }
      // Index population is asynchronous; wait so the first search after migrating sees every node.
      if (applied.length > 0) await session.executeRead((tx) => tx.run(AWAIT_INDEXES));
    } finally {
      await session.close();
    }
    return { applied, schemaVersion: Math.max(newest, ...done.keys()) };
  } catch (err) {
    throw toAppError(err);
  }
}
