import { embeddedGraphPath } from '../../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../../src-main/graph/embedded/embedded-store.ts';
import { generateSyntheticGraph } from './synthetic-motivgraph.ts';

type Counts = Parameters<typeof generateSyntheticGraph>[1];

/** A synthetic MotivGraph (deterministic for the seed) written into a data dir's embedded graph; its node count. */
export async function seedSyntheticGraph(
  dataDir: string,
  seed: number,
  counts: Counts,
  actor: string,
): Promise<number> {
  const { batch } = generateSyntheticGraph(seed, counts);
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
  try {
    await store.importBatch(batch, { actor });
    return batch.nodes.length;
  } finally {
    await store.close();
  }
}
