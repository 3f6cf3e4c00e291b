import type { GraphNode } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import type { AtlasMethodLinks } from '../contract/atlas.ts';
import { ATLAS_ACTOR, atlasMarker, atlasMethodIdOf } from './atlas-node.ts';

/**
 * The node an atlas method became, found by its `atlas:` alias (so a renamed node is still found): the nodes the
 * atlas created (its audit entries), then a Solution that still has the method's name.
 */
export async function findMethodNode(
  store: GraphStore,
  method: { id: string; name: string },
): Promise<GraphNode | null> {
  const created = await store.auditLog({ actor: ATLAS_ACTOR, action: 'node.create', limit: 10_000 });
  for (const entry of created) {
    const node = await store.getNode(entry.entityId);
    if (node && node.aliases.includes(atlasMarker(method.id))) return node;
  }
  const named = await store.getNodeByName('Solution', method.name);
  return named && (atlasMethodIdOf(named) ?? method.id) === method.id ? named : null;
}

/** The method's node and the challenges that have it as a candidate solution (SOLVED_BY). */
export async function methodLinks(
  store: GraphStore,
  method: { id: string; name: string },
): Promise<AtlasMethodLinks> {
  const node = await findMethodNode(store, method);
  if (!node) return { methodId: method.id, node: null, challenges: [] };
  const relation = await store.nodeRelation(node.id, { neighbourLimit: 100 });
  return {
    methodId: method.id,
    node: { id: node.id, name: node.name, review: node.review },
    challenges: relation.neighbours.SOLVED_BY.incoming.map(({ node: challenge, edge }) => ({
      id: challenge.id,
      name: challenge.name,
      review: edge.review,
    })),
  };
}
