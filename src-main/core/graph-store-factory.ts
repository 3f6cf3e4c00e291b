import { join } from 'node:path';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { Neo4jConfig } from '../graph/neo4j/config.ts';
import { DEFAULT_NEO4J_DATABASE } from '../graph/neo4j/config.ts';
import { openNeo4jStore } from '../graph/neo4j/open-store.ts';
import type { GraphStore } from '../graph/port.ts';
import { AppError } from '../shared/errors.ts';
import type { Core } from './create-core.ts';

/** The embedded graph lives beside the settings, one SQLite file per data directory. */
export const embeddedGraphPath = (dataDir: string): string => join(dataDir, 'graph.sqlite');

export function openEmbeddedGraphStore(core: Core): EmbeddedGraphStore {
  return EmbeddedGraphStore.open(embeddedGraphPath(core.dataDir));
}

/** Neo4j settings resolved from env over settings (core/config.ts), as the adapter wants them. */
export function neo4jConfigOf(core: Core): Neo4jConfig {
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

export async function openNeo4jGraphStore(core: Core): Promise<{ store: GraphStore; applied: string[] }> {
  const { store, applied } = await openNeo4jStore(neo4jConfigOf(core));
  if (applied.length) core.logger.info('neo4j migrations applied', { applied });
  return { store, applied };
}

/** The store the user configured: Neo4j when a URI is set (env or settings), the embedded file otherwise. */
export async function openGraphStore(core: Core): Promise<GraphStore> {
  if (core.connection().store === 'neo4j') return (await openNeo4jGraphStore(core)).store;
  return openEmbeddedGraphStore(core);
}
