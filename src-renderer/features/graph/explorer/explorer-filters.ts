import type { GraphEdge, GraphNode, NodeKind, ReviewState } from '../../../../src-main/contract/graph.ts';

/** What the explorer shows of what it has loaded: kind, level, review state, origin, author and paper. */
export interface ExplorerFilters {
  kinds: NodeKind[];
  /** 'any', or a level (0 = mined, ≥ 1 = abstract parent). */
  level: 'any' | number;
  review: 'any' | ReviewState;
  origin: 'any' | GraphNode['origin'];
  /** A lab member: who created or last changed the node. */
  actor: 'any' | string;
  /** A paper id: only nodes extracted from it (and the paper). */
  paper: 'any' | string;
}

export function allKinds(): NodeKind[] {
  return ['Problem', 'Challenge', 'Solution', 'Paper', 'Topic', 'Idea'];
}

export function defaultFilters(): ExplorerFilters {
  return { kinds: allKinds(), level: 'any', review: 'any', origin: 'any', actor: 'any', paper: 'any' };
}

/** The ids of the loaded nodes the filters let through. */
export function visibleIds(
  nodes: Iterable<GraphNode>,
  edges: Iterable<GraphEdge>,
  filters: ExplorerFilters,
): Set<string> {
  let fromPaper: Set<string> | null = null;
  if (filters.paper !== 'any') {
    fromPaper = new Set([filters.paper]);
    for (const edge of edges)
      if (edge.type === 'EXTRACTED_FROM' && edge.to === filters.paper) fromPaper.add(edge.from);
  }
  const kinds = new Set(filters.kinds);
  const out = new Set<string>();
  for (const node of nodes) {
    if (!kinds.has(node.kind)) continue;
    if (filters.level !== 'any' && node.level !== filters.level) continue;
    if (filters.review !== 'any' && node.review !== filters.review) continue;
    if (filters.origin !== 'any' && node.origin !== filters.origin) continue;
    if (filters.actor !== 'any' && node.createdBy !== filters.actor && node.updatedBy !== filters.actor)
      continue;
    if (fromPaper && !fromPaper.has(node.id)) continue;
    out.add(node.id);
  }
  return out;
}

/** Lab members who wrote the loaded nodes, for the author filter. */
export function actorsOf(nodes: Iterable<GraphNode>): string[] {
  const out = new Set<string>();
  for (const node of nodes) {
    out.add(node.createdBy);
    out.add(node.updatedBy);
  }
  return [...out].sort();
}

/** Edges on a motivation chain or the hierarchy: the ones the picture emphasises. */
export function isChainEdge(edge: GraphEdge): boolean {
  return edge.type === 'HAS_CHALLENGE' || edge.type === 'SOLVED_BY' || edge.type === 'PARENT_OF';
}
