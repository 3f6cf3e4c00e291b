import type { IdeaStatus } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { AppError } from '../shared/errors.ts';
import type { SessionStore } from './session-store.ts';
import type { IdeaRecord } from './types.ts';

/**
 * Writes an idea into the graph as an Idea node (description = abstract, props = status and current version)
 * with CITES edges to the nodes its versions cite and to its session's Topic node. Missing citations get no edge; they stay flagged in the
 * idea version record. CITES is unique per (idea, node), so an edge carries the first version that cited it;
 * the per-version citation lists live in the ideator store.
 */

export function graphStatus(idea: IdeaRecord): IdeaStatus {
  switch (idea.outcome) {
    case 'accepted':
      return 'accepted';
    case 'rejected':
      return 'rejected';
    case 'round_limit':
      return 'in_review';
    default:
      return idea.phase === 'done' ? 'draft' : 'in_review';
  }
}

const DESCRIPTION_MAX = 8_000;

export async function syncIdeaToGraph(
  graph: GraphStore,
  store: SessionStore,
  ideaId: string,
  actor: string,
): Promise<void> {
  const idea = store.idea(ideaId);
  const versions = store.versions(ideaId);
  const latest = versions.at(-1);
  if (!latest) return;
  const ctx = { actor };
  const props = { status: graphStatus(idea), currentVersion: latest.version, scores: {} };
  const description = latest.idea.abstract.slice(0, DESCRIPTION_MAX);
  let nodeId = idea.graphNodeId;
  const existing = nodeId ? await graph.getNode(nodeId) : null;
  if (existing && existing.kind === 'Idea') {
    await graph.updateNode(
      {
        id: existing.id,
        expectedVersion: existing.version,
        patch: { description, props: { ...props, scores: existing.props.scores } },
      },
      ctx,
    );
  } else {
    // Idea names are unique per kind: a title another idea already uses gets this idea's id as a suffix.
    const title = latest.idea.title.slice(0, 180);
    const taken = await graph.getNodeByName('Idea', title);
    const name = taken ? `${title} [${ideaId.slice(0, 8)}]` : title;
    const result = await graph.upsertNode(
      { kind: 'Idea', name, description, origin: 'curated', review: 'proposed', props },
      ctx,
    );
    nodeId = result.node.id;
    store.updateIdea(ideaId, { graphNodeId: nodeId });
  }
  if (!nodeId) throw new AppError('INTERNAL', 'idea node id missing after upsert');
  const synced = store.graphSyncedVersion(ideaId);
  if (synced === 0) {
    // The session topic as a Topic node, so the graph can list every idea generated for it.
    const topic = store.session(idea.sessionId).topic.slice(0, 200);
    const topicNode = await graph.upsertNode({ kind: 'Topic', name: topic, origin: 'curated' }, ctx);
    await graph.addEdge({ type: 'CITES', from: nodeId, to: topicNode.node.id, origin: 'curated' }, ctx);
  }
  for (const version of versions) {
    if (version.version <= synced) continue;
    for (const citation of version.citations) {
      if (!citation.nodeId) continue;
      // A cited node deleted since the version was written is skipped, not fatal.
      if (!(await graph.getNode(citation.nodeId))) continue;
      await graph.addEdge(
        {
          type: 'CITES',
          from: nodeId,
          to: citation.nodeId,
          origin: 'curated',
          props: { ideaVersion: version.version },
        },
        ctx,
      );
    }
  }
  store.setGraphSynced(ideaId, latest.version);
}
