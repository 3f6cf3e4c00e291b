import type { GraphStore, ImportResult } from '../port.ts';
import { readSeedData } from './read-seed.ts';
import type { SeedData } from './read-seed.ts';
import { seedImportBatch } from './seed-batch.ts';

/**
 * The actor every seed write is recorded under. Its entries in the store's audit log are the "seeded before"
 * marker: the log outlives deleted nodes, so a user who removed the seed does not get it back on the next start.
 */
export const SEED_ACTOR = 'motiv-seed';

export interface SeedLoadResult extends Omit<ImportResult, 'nodeIds'> {
  papers: number;
  nodes: number;
  edges: number;
  curatedBy: string;
  curatedAt: string;
}

/**
 * Write the shipped seed into `store` as one import batch (one transaction: all of it or nothing). Idempotent:
 * nodes merge by kind and normalised name and edges by (type, from, to), so a second run creates nothing.
 */
export async function loadSeedGraph(
  store: GraphStore,
  data: SeedData = readSeedData(),
): Promise<SeedLoadResult> {
  const batch = seedImportBatch(data.graph, data.papers);
  const { nodeIds, ...counts } = await store.importBatch(batch, { actor: SEED_ACTOR });
  void nodeIds;
  return {
    ...counts,
    papers: data.papers.papers.length,
    nodes: data.graph.nodes.length,
    edges: data.graph.edges.length,
    curatedBy: data.graph.provenance.curatedBy,
    curatedAt: data.graph.provenance.curatedAt,
  };
}

export type FirstRunSeeding =
  { loaded: true; result: SeedLoadResult } | { loaded: false; reason: 'store-not-empty' | 'seeded-before' };

/**
 * "First run" for a store: it holds no node and its audit log has no seed entry. Only then is the seed loaded.
 * A store with data of its own (a lab's Neo4j, a restored dump) is never mixed with the seed unasked; the user can
 * still load it with `motiv graph seed`.
 */
export async function seedOnFirstRun(
  store: GraphStore,
  read: () => SeedData = readSeedData,
): Promise<FirstRunSeeding> {
  const stats = await store.stats();
  const nodeCount = Object.values(stats.nodes).reduce((sum, count) => sum + count, 0);
  if (nodeCount > 0) return { loaded: false, reason: 'store-not-empty' };
  const seededBefore = (await store.auditLog({ actor: SEED_ACTOR, limit: 1 })).length > 0;
  if (seededBefore) return { loaded: false, reason: 'seeded-before' };
  return { loaded: true, result: await loadSeedGraph(store, read()) };
}
