import type { IdeatorIdeaVersion } from '../contract/ideator.ts';
import type { DossierNode, DossierPaper } from '../contract/reports.ts';
import type { GraphNode } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { openNodeNotes } from './node-notes-host.ts';
import type { DossierGraph } from '../reports/build-dossier.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * The graph side of a dossier: the nodes an idea's versions cite, the edges among them (depth 0: the cited
 * problems → challenges → solutions as they are linked), and the papers it cites or its cited nodes were mined
 * from (EXTRACTED_FROM). Read on a store handle of its own, closed after; an unreachable graph gives no nodes
 * rather than no dossier (the citations still name what was cited).
 */

const MAX_IDS = 500;

export async function readDossierGraph(
  host: ServiceHost,
  versions: readonly IdeatorIdeaVersion[],
): Promise<DossierGraph> {
  const ids = [
    ...new Set(versions.flatMap((v) => v.citations.flatMap((c) => (c.nodeId ? [c.nodeId] : [])))),
  ].slice(0, MAX_IDS);
  if (ids.length === 0) return { nodes: [], edges: [], papers: [] };
  let store;
  try {
    store = await host.openGraph();
  } catch (error) {
    host.logger.warn('dossier: graph not readable', { error: String(error) });
    return { nodes: [], edges: [], papers: [] };
  }
  try {
    const cited = await store.subgraph({ ids, depth: 0 });
    const sources = await store.subgraph({ ids, depth: 1, edgeTypes: ['EXTRACTED_FROM'] });
    const papers = new Map<string, DossierPaper>();
    for (const node of [...cited.nodes, ...sources.nodes]) {
      if (node.kind === 'Paper' && !papers.has(node.id)) papers.set(node.id, paperOf(node));
    }
    const notes = await readNotes(host, store, cited.nodes);
    return {
      nodes: cited.nodes.map(({ id, kind, name, description }) => ({
        id,
        kind,
        name,
        description,
        note: notes.get(id) ?? null,
      })),
      edges: cited.edges.map(({ from, to, type }) => ({ from, to, type })),
      papers: [...papers.values()],
    };
  } finally {
    await store.close();
  }
}

/** The cited nodes' notes; notes that cannot be read leave the dossier without them, not without a graph. */
async function readNotes(
  host: ServiceHost,
  store: GraphStore,
  nodes: readonly GraphNode[],
): Promise<Map<string, NonNullable<DossierNode['note']>>> {
  const found = new Map<string, NonNullable<DossierNode['note']>>();
  let notes;
  try {
    notes = openNodeNotes({ dataDir: host.dataDir, connection: () => host.config() }, store);
  } catch (error) {
    host.logger.warn('dossier: notes not readable', { error: String(error) });
    return found;
  }
  try {
    for (const node of nodes) {
      const note = await notes.get(node.id);
      if (note) found.set(node.id, { text: note.text, updatedBy: note.updatedBy, updatedAt: note.updatedAt });
    }
  } catch (error) {
    host.logger.warn('dossier: notes not readable', { error: String(error) });
  } finally {
    await notes.close();
  }
  return found;
}

function paperOf(node: Extract<GraphNode, { kind: 'Paper' }>): DossierPaper {
  const p = node.props;
  return {
    nodeId: node.id,
    title: node.name,
    authors: p.authors,
    year: p.year ?? null,
    venue: p.venue ?? null,
    doi: p.doi ?? null,
    arxivId: p.arxivId ?? null,
    url: p.url ?? null,
  };
}
