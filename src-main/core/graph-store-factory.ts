import { join } from 'node:path';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { Neo4jConfig } from '../graph/neo4j/config.ts';
import { DEFAULT_NEO4J_DATABASE } from '../graph/neo4j/config.ts';
import { openNeo4jStore } from '../graph/neo4j/open-store.ts';
import type { GraphStore } from '../graph/port.ts';
import { seedingEnabled, seedStoreOnFirstRun } from '../graph/seed/first-run-hook.ts';
import { addSeedVectors } from '../embeddings/seed-vectors-hook.ts';
import { modelsDirFor } from '../embeddings/minilm-files.ts';
import { embedOnWrite } from './embed-on-write.ts';
import { AppError } from '../shared/errors.ts';
import type { Core } from './create-core.ts';

/** What opening a store needs of the core (the core's handlers open it before the core object exists). */
export type GraphStoreHost = Pick<Core, 'dataDir' | 'connection' | 'logger' | 'env'>;

/** The embedded graph lives beside the settings, one SQLite file per data directory. */
export const embeddedGraphPath = (dataDir: string): string => join(dataDir, 'graph.sqlite');

export function openEmbeddedGraphStore(core: GraphStoreHost): EmbeddedGraphStore {
  return EmbeddedGraphStore.open(embeddedGraphPath(core.dataDir));
}

/** Neo4j settings resolved from env over settings (core/config.ts), as the adapter wants them. */
export function neo4jConfigOf(core: Pick<GraphStoreHost, 'connection'>): Neo4jConfig {
  const neo4j = core.connection().neo4j;
  if (!neo4j) {
    throw new AppError(
      'VALIDATION',
      'No Neo4j server is configured: set MOTIV_NEO4J_URI or the Neo4j settings',
      {
        field: 'neo4j.uri',
      },
    );
  }
  const config: Neo4jConfig = { uri: neo4j.uri, database: neo4j.database ?? DEFAULT_NEO4J_DATABASE };
  if (neo4j.user) config.user = neo4j.user;
  if (neo4j.password) config.password = neo4j.password;
  return config;
}

export async function openNeo4jGraphStore(
  core: GraphStoreHost,
): Promise<{ store: GraphStore; applied: string[] }> {
  const { store, applied } = await openNeo4jStore(neo4jConfigOf(core));
  if (applied.length) core.logger.info('neo4j migrations applied', { applied });
  return { store, applied };
}

export interface OpenGraphOptions {
  /** Load the shipped seed graph into a store on its first run (default on; off for restores, or MOTIV_SEED=off). */
  seedOnFirstRun?: boolean;
}

/**
 * The store in use (core/config.ts chooseStore: MOTIV_NEO4J_URI, then Settings → Graph store); nodes
 * written through it get local MiniLM vectors in the background (embed-on-write.ts).
 */
export async function openGraphStore(
  core: GraphStoreHost,
  options: OpenGraphOptions = {},
): Promise<GraphStore> {
  const store =
    core.connection().store === 'neo4j'
      ? (await openNeo4jGraphStore(core)).store
      : openEmbeddedGraphStore(core);
  if ((options.seedOnFirstRun ?? true) && seedingEnabled(core.env)) {
    // The seed's shipped MiniLM vectors come with it (issue 12): vector search works on a fresh install.
    if (await seedStoreOnFirstRun(store, core.logger)) await addSeedVectors(store, core.logger);
  }
  // Every writer opens its store here, so nodes written by any of them are embedded as they are written.
  return embedOnWrite(store, { modelsDir: modelsDirFor(core.dataDir, core.env), logger: core.logger });
}
