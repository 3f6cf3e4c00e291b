import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { SAMPLE, seedSampleGraph } from '../src-main/test-support/graph-sample.ts';

/** The explorer specs' graph: the Graph section's sample plus one open challenge (no solution, two pointers). */
export const GAP_CHALLENGE = 'Costly evaluation of every thought';

export async function seedExplorerGraph(dataDir: string): Promise<void> {
  await seedSampleGraph(dataDir);
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
  try {
    const ctx = { actor: 'test seed' };
    const problem = await store.getNodeByName('Problem', SAMPLE.problem);
    const paper = await store.getNodeByName('Paper', SAMPLE.paper);
    if (!problem || !paper) throw new Error('the sample graph is missing its problem or paper');
    const { node: gap } = await store.upsertNode({ kind: 'Challenge', name: GAP_CHALLENGE }, ctx);
    await store.addEdge({ type: 'HAS_CHALLENGE', from: problem.id, to: gap.id }, ctx);
    await store.addEdge({ type: 'EXTRACTED_FROM', from: gap.id, to: paper.id }, ctx);
  } finally {
    await store.close();
  }
}
