import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNeo4j } from '../../../graph/neo4j-server/start.ts';
import type { RunningNeo4j } from '../../../graph/neo4j-server/start.ts';
import { AppError } from '../../shared/errors.ts';
import { isSupportedNeo4jVersion, testNeo4jConnection } from './connection.ts';
import { Neo4jGraphStore } from './neo4j-store.ts';
import { testNeo4jConfig } from '../test-support/neo4j/test-database.ts';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A port nothing listens on: bind an ephemeral one, then free it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('testNeo4jConnection', () => {
  it('reports the server version of the test Neo4j', async () => {
    const check = await testNeo4jConnection(testNeo4jConfig());
    expect(check.version).toMatch(/^5\.26\.\d+$/);
    expect(check.database).toBe('neo4j');
  });

  it('explains an unreachable server', async () => {
    const err = await failure(
      testNeo4jConnection({ uri: `bolt://127.0.0.1:${await closedPort()}`, database: 'neo4j' }),
    );
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.details).toMatchObject({ reason: 'unreachable' });
    expect(err.message).toMatch(/unreachable/);
  });

  it('explains a missing database', async () => {
    const err = await failure(testNeo4jConnection({ ...testNeo4jConfig(), database: 'nosuchdb' }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.details).toMatchObject({ reason: 'database' });
  });

  it('explains a missing database the same way when a store, not the check, meets it', async () => {
    const store = Neo4jGraphStore.open({ ...testNeo4jConfig(), database: 'nosuchdb' });
    try {
      const err = await failure(store.getNode('any'));
      expect(err.code).toBe('UNAVAILABLE');
      expect(err.details).toMatchObject({ reason: 'database', field: 'database' });
      expect(err.message).not.toMatch(/Neo\.|Exception/);
    } finally {
      await store.close();
    }
  });

  it('accepts 5.26 and its calendar-versioned successors, refuses older servers', () => {
    expect(isSupportedNeo4jVersion('5.26.0')).toBe(true);
    expect(isSupportedNeo4jVersion('2025.10.1')).toBe(true);
    expect(isSupportedNeo4jVersion('5.25.1')).toBe(false);
    expect(isSupportedNeo4jVersion('4.4.40')).toBe(false);
  });
});

describe('testNeo4jConnection against a server with authentication on', () => {
  let server: RunningNeo4j;
  beforeAll(async () => {
    server = await startNeo4j({ auth: true });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('explains refused credentials', async () => {
    const err = await failure(
      testNeo4jConnection({ uri: server.uri, user: 'neo4j', password: 'wrong-password', database: 'neo4j' }),
    );
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.details).toMatchObject({ reason: 'auth' });
    expect(err.message).not.toContain('wrong-password');
  });
});
