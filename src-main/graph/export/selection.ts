import type { GraphDump } from '../dump-format.ts';

/**
 * The part of a dump that a selection covers: the chosen nodes, the edges with both ends among them (an edge to
 * a node left out would dangle and a restore would refuse it), and their embeddings. No ids: the whole graph.
 */
export function selectFromDump(dump: GraphDump, ids?: readonly string[]): GraphDump {
  if (!ids) return dump;
  const chosen = new Set(ids);
  return {
    ...dump,
    nodes: dump.nodes.filter((n) => chosen.has(n.id)),
    edges: dump.edges.filter((e) => chosen.has(e.from) && chosen.has(e.to)),
    embeddings: dump.embeddings.filter((e) => chosen.has(e.nodeId)),
    ...(dump.notes ? { notes: dump.notes.filter((n) => chosen.has(n.nodeId)) } : {}),
  };
}
