import type { GraphNodeOf, IdeaStatus, ReviewState } from '../graph/model.ts';
import type { GraphStore, WriteContext } from '../graph/port.ts';
import { AppError } from '../shared/errors.ts';
import type { SessionStore } from './session-store.ts';
import type { IdeaRecord, IdeaVersionRecord } from './types.ts';

/**
 * Writes an idea into the graph as an Idea node that mirrors it: the latest version's title and abstract, the
 * idea's status (props.status, and review: accepted → approved, rejected → rejected), origin 'generated' (an
 * LLM wrote it), with CITES edges to the nodes its versions cite and to its session's Topic node. Missing
 * citations get no edge; they stay flagged in the idea version record. CITES is unique per (idea, node), so an
 * edge carries the first version that cited it; the per-version citation lists live in the ideator store.
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

/** The idea's own decision is the node's review: ideas never wait in the graph's review queue. */
export function graphReview(status: IdeaStatus): ReviewState {
  if (status === 'accepted') return 'approved';
  if (status === 'rejected') return 'rejected';
  return 'proposed';
}

const DESCRIPTION_MAX = 8_000;
const TITLE_MAX = 180;
// Another writer (a person editing the node) can take the version between our read and write; the idea is the
// source of truth for the mirrored fields, so re-read and write again a few times before giving up.
const CONFLICT_ATTEMPTS = 3;

/**
 * Brings the idea's graph node in line with the idea now. Call it after anything that changes the idea: a new
 * version, an accept or reject (and an undo of one). Idempotent: nothing is written when the node already matches.
 */
export async function syncIdeaNode(
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
  const nodeId = await writeIdeaNode(graph, store, idea, latest, ctx);
  const synced = store.graphSyncedVersion(ideaId);
  if (synced === 0) {
    // The session topic as a Topic node, so the graph can list every idea generated for it. The user typed the
    // topic, so it stays 'curated'.
    const topic = store.session(idea.sessionId).topic.slice(0, 200);
    const topicNode = await graph.upsertNode({ kind: 'Topic', name: topic, origin: 'curated' }, ctx);
    await graph.addEdge({ type: 'CITES', from: nodeId, to: topicNode.node.id, origin: 'generated' }, ctx);
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
          origin: 'generated',
          props: { ideaVersion: version.version },
        },
        ctx,
      );
    }
  }
  store.setGraphSynced(ideaId, latest.version);
}

/** Creates the Idea node or updates the mirrored fields of the existing one; returns its id. */
async function writeIdeaNode(
  graph: GraphStore,
  store: SessionStore,
  idea: IdeaRecord,
  latest: IdeaVersionRecord,
  ctx: WriteContext,
): Promise<string> {
  const status = graphStatus(idea);
  const description = latest.idea.abstract.slice(0, DESCRIPTION_MAX);
  const title = latest.idea.title.slice(0, TITLE_MAX);
  for (let attempt = 1; ; attempt++) {
    const found = idea.graphNodeId ? await graph.getNode(idea.graphNodeId) : null;
    const existing = found?.kind === 'Idea' ? found : null;
    const name = await freeName(graph, title, idea.id, existing?.id ?? null);
    const props = { status, currentVersion: latest.version, scores: existing?.props.scores ?? {} };
    const mirror = { name, description, origin: 'generated', review: graphReview(status) } as const;
    try {
      if (!existing) {
        const result = await graph.upsertNode({ kind: 'Idea', ...mirror, props }, ctx);
        store.updateIdea(idea.id, { graphNodeId: result.node.id });
        return result.node.id;
      }
      if (!mirrors(existing, mirror, props)) {
        await graph.updateNode(
          { id: existing.id, expectedVersion: existing.version, patch: { ...mirror, props } },
          ctx,
        );
      }
      return existing.id;
    } catch (err) {
      const retry = err instanceof AppError && err.code === 'CONFLICT' && attempt < CONFLICT_ATTEMPTS;
      if (!retry) throw err;
    }
  }
}

function mirrors(
  node: GraphNodeOf<'Idea'>,
  mirror: { name: string; description: string; origin: string; review: ReviewState },
  props: GraphNodeOf<'Idea'>['props'],
): boolean {
  return (
    node.name === mirror.name &&
    node.description === mirror.description &&
    node.origin === mirror.origin &&
    node.review === mirror.review &&
    JSON.stringify(node.props) === JSON.stringify(props)
  );
}

/** Idea names are unique per kind: a title another idea already uses gets this idea's id as a suffix. */
async function freeName(
  graph: GraphStore,
  title: string,
  ideaId: string,
  selfId: string | null,
): Promise<string> {
  const taken = await graph.getNodeByName('Idea', title);
  return taken && taken.id !== selfId ? `${title} [${ideaId.slice(0, 8)}]` : title;
}
