import type { GraphEdge, GraphNode } from '../graph/model.ts';
import type { NodeInput } from '../graph/port.ts';
import type { Atlas, AtlasMethod } from './atlas-dataset.ts';

/**
 * How an atlas method looks in the graph: a Solution node (origin `imported`, review `proposed`) whose alias
 * `atlas:<method id>` finds it again after a person renames it, and whose description names where it comes from
 * (method id, paper, arXiv, survey). Written by `ATLAS_ACTOR`, so the audit log remembers what the atlas wrote
 * even after a person deleted it.
 */

export const ATLAS_ACTOR = 'planning-methods atlas';
const MARKER_PREFIX = 'atlas:';

export const atlasMarker = (methodId: string): string => `${MARKER_PREFIX}${methodId}`;

/** The atlas method id a node carries in its aliases, or null. */
export function atlasMethodIdOf(node: Pick<GraphNode, 'aliases'>): string | null {
  const marker = node.aliases.find((alias) => alias.startsWith(MARKER_PREFIX));
  return marker ? marker.slice(MARKER_PREFIX.length) : null;
}

/** How the provenance paragraph of an atlas node's description starts (the ideator splits on it). */
export const ATLAS_PROVENANCE_LEAD = 'Candidate solution from the planning-methods atlas';

export function provenanceText(method: AtlasMethod, survey: Atlas['survey']): string {
  const paper = method.paperTitle ? `"${method.paperTitle}"` : 'paper title not given';
  const year = method.year ? ` (${method.year})` : '';
  const arxiv = method.arxivId ? `, arXiv ${method.arxivId}` : '';
  const link = method.link ? `, ${method.link}` : '';
  return (
    `${ATLAS_PROVENANCE_LEAD} (method ${method.id}): ${paper}${year}${arxiv}${link}. ` +
    `Survey: "${survey.title}" (arXiv ${survey.arxivId}).`
  );
}

export function atlasNodeInput(
  method: AtlasMethod,
  survey: Atlas['survey'],
): NodeInput & { kind: 'Solution' } {
  return {
    kind: 'Solution',
    name: method.name,
    description: `${method.description}\n\n${provenanceText(method, survey)}`,
    aliases: [atlasMarker(method.id)],
    origin: 'imported',
    review: 'proposed',
  };
}

/** What the atlas wrote before, from its audit entries: node id → method id, and the challenge→solution pairs. */
export interface AtlasHistory {
  methodsCreated: Set<string>;
  edgesCreated: Set<string>;
}

export const pairKey = (challengeId: string, solutionId: string): string =>
  `${challengeId}\u0000${solutionId}`;

export function atlasHistory(entries: ReadonlyArray<{ action: string; after: unknown }>): AtlasHistory {
  const history: AtlasHistory = { methodsCreated: new Set(), edgesCreated: new Set() };
  for (const entry of entries) {
    // A snapshot is an object on both stores; a string is parsed in case a store hands back its JSON text.
    const after = typeof entry.after === 'string' ? (JSON.parse(entry.after) as unknown) : entry.after;
    if (!after || typeof after !== 'object') continue;
    if (entry.action === 'node.create' && Array.isArray((after as GraphNode).aliases)) {
      const methodId = atlasMethodIdOf(after as GraphNode);
      if (methodId) history.methodsCreated.add(methodId);
    } else if (entry.action === 'edge.create') {
      const edge = after as GraphEdge;
      if (edge.type === 'SOLVED_BY') history.edgesCreated.add(pairKey(edge.from, edge.to));
    }
  }
  return history;
}
