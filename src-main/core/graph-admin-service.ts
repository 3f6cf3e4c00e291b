import { parseGraphDump, withNotes, type GraphDump } from '../graph/dump-format.ts';
import type { NodeNotes } from '../graph/notes/node-notes.ts';
import { loadSeedGraph, type SeedLoadResult } from '../graph/seed/load-seed.ts';
import type { GraphStore } from '../graph/port.ts';
import type { RestoreWatch } from '../graph/restore-watch.ts';
import { openEmbeddedGraphStore, openGraphStore, openNeo4jGraphStore } from './graph-store-factory.ts';
import type { GraphStoreHost } from './graph-store-factory.ts';
import { openNodeNotes } from './node-notes-host.ts';

/**
 * The lab admin's graph operations (`motiv graph dump|restore|seed|push|migrate`), which have no channel: each on
 * its own short-lived handle of the configured store, opened here so no CLI command opens a store itself.
 */
export interface GraphAdminService {
  /** The configured store's kind ('embedded' | 'neo4j') and the whole graph. */
  dump(): Promise<{ kind: string; dump: GraphDump }>;
  /** A dump fills a store as a whole, so the seed is not loaded first. */
  restore(dump: unknown, replace: boolean): Promise<{ kind: string; nodes: number; edges: number }>;
  seed(): Promise<{ kind: string; result: SeedLoadResult }>;
  /** The embedded graph copied into the configured Neo4j in one transaction; `watch` follows or stops it. */
  push(replace: boolean, watch?: RestoreWatch): Promise<{ nodes: number; edges: number }>;
  /** The Cypher migrations applied to the configured Neo4j; the names of those that were new. */
  migrate(): Promise<string[]>;
}

export function createGraphAdminService(host: GraphStoreHost, actor: () => string): GraphAdminService {
  // The notes live beside the graph (graph/notes/): a dump, a restore and a push carry them with it.
  const withStoreNotes = async <T>(store: GraphStore, run: (notes: NodeNotes) => Promise<T>): Promise<T> => {
    const notes = openNodeNotes(host, store);
    try {
      return await run(notes);
    } finally {
      await notes.close();
    }
  };
  const withStore = async <T>(
    seedOnFirstRun: boolean,
    run: (store: GraphStore) => Promise<T>,
  ): Promise<T> => {
    const store = await openGraphStore(host, { seedOnFirstRun });
    try {
      return await run(store);
    } finally {
      await store.close();
    }
  };
  const withNeo4j = async <T>(run: (store: GraphStore, applied: string[]) => Promise<T>): Promise<T> => {
    const { store, applied } = await openNeo4jGraphStore(host);
    try {
      return await run(store, applied);
    } finally {
      await store.close();
    }
  };
  return {
    dump: () =>
      withStore(true, async (store) => ({
        kind: store.kind,
        dump: withNotes(await store.dump(), await withStoreNotes(store, (notes) => notes.all())),
      })),
    restore: (dump, replace) =>
      withStore(false, async (store) => {
        const result = await store.restore(dump, { actor: actor() }, { replace });
        await withStoreNotes(store, (notes) => notes.put(parseGraphDump(dump).notes ?? [], replace));
        return { kind: store.kind, ...result };
      }),
    seed: () => withStore(false, async (store) => ({ kind: store.kind, result: await loadSeedGraph(store) })),
    push: async (replace, watch) => {
      const source = openEmbeddedGraphStore(host);
      try {
        const dump = await source.dump();
        const carried = await withStoreNotes(source, (notes) => notes.all());
        return await withNeo4j(async (target) => {
          const result = await target.restore(dump, { actor: actor() }, { replace }, watch);
          await withStoreNotes(target, (notes) => notes.put(withNotes(dump, carried).notes ?? [], replace));
          return result;
        });
      } finally {
        await source.close();
      }
    },
    migrate: () => withNeo4j(async (_store, applied) => applied),
  };
}
