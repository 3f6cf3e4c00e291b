import { createNeo4jDriver } from '../graph/neo4j/connection.ts';
import { Neo4jNotesDriver } from '../graph/notes/neo4j-notes-driver.ts';
import { NodeNotes } from '../graph/notes/node-notes.ts';
import { SqliteNotesDriver } from '../graph/notes/sqlite-notes-driver.ts';
import type { GraphStore } from '../graph/port.ts';
import { neo4jConfigOf, type GraphStoreHost } from './graph-store-factory.ts';
import { createLazyGraphStore, type LazyGraphStore } from './lazy-graph-store.ts';

/**
 * The notes of an open graph store: `<dataDir>/node-notes.sqlite` beside the embedded graph, `:NodeNote` nodes in
 * the lab's Neo4j (so every member sees them), on a Bolt driver of their own, closed with the notes. Open the
 * graph store first: on Neo4j it checks the server and applies the migrations (V005 holds the notes' constraints).
 */
export function openNodeNotes(
  host: Pick<GraphStoreHost, 'dataDir' | 'connection'>,
  store: GraphStore,
): NodeNotes {
  if (store.kind !== 'neo4j') return new NodeNotes(SqliteNotesDriver.open(host.dataDir));
  const config = neo4jConfigOf(host);
  const driver = createNeo4jDriver(config);
  return new NodeNotes(new Neo4jNotesDriver(driver, config.database, () => driver.close()));
}

/** The Graph section's notes, opened on first use and reopened when the configured store changes. */
export function createNodeNotesHost(
  host: GraphStoreHost,
  store: () => Promise<GraphStore>,
  storeKey: () => string,
): LazyGraphStore<NodeNotes> {
  return createLazyGraphStore(async () => openNodeNotes(host, await store()), storeKey);
}
