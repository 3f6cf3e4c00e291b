import neo4j from 'neo4j-driver';
import type { Driver } from 'neo4j-driver';
import { AppError } from '../../shared/errors.ts';
import type { Neo4jConfig } from './config.ts';
import { toAppError } from './errors.ts';
import { redactUrlCredentials } from '../../shared/url-credentials.ts';
import { PING } from './queries.ts';

/** One driver per store; Integers stay lossless on the wire and are converted by our row mappers. */
export function createNeo4jDriver(config: Neo4jConfig): Driver {
  // No user: no credentials at all (auth-disabled servers such as the test launcher).
  const auth = config.user !== undefined ? neo4j.auth.basic(config.user, config.password ?? '') : undefined;
  return neo4j.driver(config.uri, auth, {
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 5_000,
    userAgent: 'motivgraph-studio',
  });
}

export interface Neo4jServerCheck {
  /** e.g. "5.26.30" */
  version: string;
  agent: string;
  database: string;
}

/** 5.26 is the oldest line with everything we use; calendar versions (2025.x, Aura) are its successors. */
export function isSupportedNeo4jVersion(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (major >= 2025) return true;
  return major === 5 && minor >= 26;
}

/** Turns a driver failure into the reason a user can act on: unreachable, auth, missing database (errors.ts). */
export function explainNeo4jFailure(err: unknown, config: Neo4jConfig): AppError {
  return toAppError(err, { uri: config.uri, database: config.database, user: config.user ?? '(none)' });
}

/** Connects, checks the server is Neo4j ≥ 5.26 and that the database answers; throws a typed AppError if not. */
export async function testNeo4jConnection(config: Neo4jConfig): Promise<Neo4jServerCheck> {
  const driver = createNeo4jDriver(config);
  try {
    const info = await driver.getServerInfo({ database: config.database });
    const agent = info.agent ?? '';
    const match = /^Neo4j\/v?(\d+\.\d+(?:\.\d+)?)/.exec(agent);
    if (!match?.[1]) {
      throw new AppError(
        'UNSUPPORTED',
        `The server at ${redactUrlCredentials(config.uri)} is not Neo4j (it says ${JSON.stringify(agent)})`,
        {
          reason: 'version',
          agent,
        },
      );
    }
    const version = match[1];
    if (!isSupportedNeo4jVersion(version)) {
      throw new AppError('UNSUPPORTED', `Neo4j ${version} is too old: MotivGraph needs Neo4j 5.26 or newer`, {
        reason: 'version',
        version,
      });
    }
    await driver.executeQuery(PING, {}, { database: config.database, routing: neo4j.routing.READ });
    return { version, agent, database: config.database };
  } catch (err) {
    throw explainNeo4jFailure(err, config);
  } finally {
    await driver.close();
  }
}
