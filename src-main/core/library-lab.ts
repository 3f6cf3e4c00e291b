import type { Driver } from 'neo4j-driver';
import { createNeo4jDriver, explainNeo4jFailure } from '../graph/neo4j/connection.ts';
import { readLabIdeas, type LabIdea } from '../library/lab-ideas.ts';
import { neo4jConfigOf } from './graph-store-factory.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * The library's read of the lab's shared Neo4j: one driver kept while the configured server stays the same
 * (a changed URI or user gets a new one). Embedded graphs have no lab: nothing to read.
 */
export interface LabReader {
  /** null when the graph is not Neo4j; throws when the server cannot be read. */
  read(): Promise<LabIdea[] | null>;
  close(): Promise<void>;
}

export function createLabReader(host: ServiceHost): LabReader {
  let open: { key: string; driver: Driver; database: string } | null = null;
  const close = async (): Promise<void> => {
    const driver = open?.driver;
    open = null;
    await driver?.close();
  };
  return {
    read: async () => {
      if (host.config().store !== 'neo4j') return null;
      const config = neo4jConfigOf({ connection: host.config });
      const key = JSON.stringify([config.uri, config.user ?? null, config.password ?? null, config.database]);
      if (open?.key !== key) {
        await close();
        open = { key, driver: createNeo4jDriver(config), database: config.database };
      }
      try {
        return await readLabIdeas(open.driver, open.database);
      } catch (err) {
        throw explainNeo4jFailure(err, config);
      }
    },
    close,
  };
}
