import type { GraphNode, MotivationKind } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';

/**
 * The nodes mining reasons over, read once. The GraphStore port has no paged listing, so this reads the dump: one
 * consistent transaction, ~1 s at the paper's scale, and it carries the stored vectors too.
 */
export interface GraphSnapshot {
  byKind: Map<MotivationKind | 'Paper', GraphNode[]>;
  /** Ids of nodes that already have a PARENT_OF parent. */
  hasParent: Set<string>;
  /** Ids of papers some node was extracted from (mined, curated or seeded). */
  papersWithTriples: Set<string>;
  /** Stored vectors per model, by node id. */
  vectors: Map<string, Map<string, number[]>>;
}

export async function loadSnapshot(store: GraphStore): Promise<GraphSnapshot> {
  const dump = await store.dump();
  const byKind: GraphSnapshot['byKind'] = new Map();
  for (const node of dump.nodes) {
    if (
      node.kind !== 'Problem' &&
      node.kind !== 'Challenge' &&
      node.kind !== 'Solution' &&
      node.kind !== 'Paper'
    ) {
      continue;
    }
    const list = byKind.get(node.kind) ?? [];
    list.push(node);
    byKind.set(node.kind, list);
  }
  // Oldest first (UUIDv7 ids are time-ordered): the older node survives a merge, and runs are reproducible.
  for (const list of byKind.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const hasParent = new Set(dump.edges.filter((e) => e.type === 'PARENT_OF').map((e) => e.to));
  const papersWithTriples = new Set(dump.edges.filter((e) => e.type === 'EXTRACTED_FROM').map((e) => e.to));
  const vectors: GraphSnapshot['vectors'] = new Map();
  for (const e of dump.embeddings) {
    const forModel = vectors.get(e.model) ?? new Map<string, number[]>();
    forModel.set(e.nodeId, e.vector);
    vectors.set(e.model, forModel);
  }
  return { byKind, hasParent, papersWithTriples, vectors };
}
