import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphNode } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import type { Citation } from '../ideator/citations.ts';
import { syncIdeaNode } from '../ideator/graph-writeback.ts';
import type { Idea } from '../ideator/idea-schema.ts';
import { buildConfig } from '../ideator/session-config.ts';
import { SessionStore } from '../ideator/session-store.ts';

/**
 * The idea → Idea node write-back against a real GraphStore. Registered for the embedded store
 * (graph-writeback.test.ts) and for Neo4j (graph/neo4j/neo4j-store.test.ts, the one file that writes to the test
 * Neo4j), so both stores are proven to mirror an idea the same way.
 */

const TOPIC = 'Sample-efficient exploration';
const ACTOR = 'ideator';

function ideaText(title: string, abstract: string): Idea {
  return {
    name: 'critique_shaped_rewards',
    title,
    motivation: 'Sparse rewards starve exploration of any signal for most episodes.',
    related_work: 'Ng et al., 1999',
    abstract,
    method: ['Ask a critic model for a critique of each trajectory'],
    experiment_plan: { data: 'MiniGrid', baselines: 'PPO', metrics: 'success rate', ablations: 'no critic' },
    risks: 'The critic may be wrong.',
  };
}

export function registerIdeaNodeSyncTests(name: string, freshGraph: () => Promise<GraphStore>): void {
  describe(`Idea node write-back: ${name}`, () => {
    let dir: string;
    let sessions: SessionStore;
    let graph: GraphStore;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'motiv-idea-sync-'));
      sessions = new SessionStore(join(dir, 'ideator.sqlite'));
      graph = await freshGraph();
    });
    afterEach(async () => {
      await graph.close();
      sessions.close();
      rmSync(dir, { recursive: true, force: true });
    });

    function newIdea(ideaId: string): void {
      const sessionId = `session-${ideaId}`;
      sessions.createSession(sessionId, buildConfig({ topic: TOPIC }), null);
      sessions.createIdea(ideaId, sessionId, 0, 'mentor');
    }

    function addVersion(ideaId: string, version: number, title: string, citations: Citation[] = []): void {
      const abstract = `${title}: an abstract long enough for the schema.`;
      sessions.addVersion(ideaId, version, ideaText(title, abstract), citations, 0, 0);
      sessions.updateIdea(ideaId, { currentVersion: version });
    }

    async function ideaNode(ideaId: string): Promise<GraphNode> {
      const id = sessions.idea(ideaId).graphNodeId;
      const found = id ? await graph.getNode(id) : null;
      if (!found) throw new Error(`idea ${ideaId} has no graph node`);
      return found;
    }

    it("writes an LLM's idea as 'generated', with generated CITES edges and the user's topic as curated", async () => {
      const { node: problem } = await graph.upsertNode(
        { kind: 'Problem', name: 'Sparse rewards', origin: 'mined' },
        { actor: 'miner' },
      );
      newIdea('idea-a');
      addVersion('idea-a', 1, 'Critique-shaped rewards', [
        {
          ref: 'kg:problem:Sparse_rewards',
          kind: 'Problem',
          name: 'Sparse rewards',
          nodeId: problem.id,
          status: 'resolved',
        },
      ]);
      await syncIdeaNode(graph, sessions, 'idea-a', ACTOR);

      const node = await ideaNode('idea-a');
      expect(node).toMatchObject({
        kind: 'Idea',
        name: 'Critique-shaped rewards',
        origin: 'generated',
        review: 'proposed',
        props: { status: 'in_review', currentVersion: 1 },
      });
      const relation = await graph.nodeRelation(node.id);
      const cites = relation.neighbours.CITES.outgoing;
      expect(cites.map((c) => [c.node.kind, c.edge.origin]).sort()).toEqual([
        ['Problem', 'generated'],
        ['Topic', 'generated'],
      ]);
      expect(cites.find((c) => c.node.kind === 'Topic')?.node.origin).toBe('curated');
    });

    it("follows the latest version's title and the user's accept or reject, and writes nothing when in step", async () => {
      newIdea('idea-b');
      addVersion('idea-b', 1, 'First title of the idea');
      await syncIdeaNode(graph, sessions, 'idea-b', ACTOR);
      const first = await ideaNode('idea-b');
      addVersion('idea-b', 2, 'Sharper second title');
      await syncIdeaNode(graph, sessions, 'idea-b', ACTOR);
      expect(await ideaNode('idea-b')).toMatchObject({
        id: first.id,
        name: 'Sharper second title',
        description: 'Sharper second title: an abstract long enough for the schema.',
        props: { status: 'in_review', currentVersion: 2 },
      });
      // Renamed in place: one node per idea, the old title no longer names it.
      expect(await graph.getNodeByName('Idea', 'First title of the idea')).toBeNull();

      sessions.updateIdea('idea-b', { phase: 'done', outcome: 'accepted', decidedBy: 'user' });
      await syncIdeaNode(graph, sessions, 'idea-b', ACTOR);
      const accepted = await ideaNode('idea-b');
      expect(accepted).toMatchObject({ review: 'approved', props: { status: 'accepted' } });

      await syncIdeaNode(graph, sessions, 'idea-b', ACTOR);
      expect((await ideaNode('idea-b')).version).toBe(accepted.version);

      sessions.updateIdea('idea-b', { outcome: 'rejected' });
      await syncIdeaNode(graph, sessions, 'idea-b', ACTOR);
      expect(await ideaNode('idea-b')).toMatchObject({ review: 'rejected', props: { status: 'rejected' } });
      expect((await graph.stats()).reviewByKind.Idea).toEqual({ proposed: 0, approved: 0, rejected: 1 });
    });

    it("re-labels an Idea node written as 'curated' by older versions of the app", async () => {
      newIdea('idea-c');
      addVersion('idea-c', 1, 'An idea from last year');
      const { node: legacy } = await graph.upsertNode(
        { kind: 'Idea', name: 'An idea from last year', origin: 'curated', props: { status: 'draft' } },
        { actor: ACTOR },
      );
      sessions.updateIdea('idea-c', { graphNodeId: legacy.id });
      await syncIdeaNode(graph, sessions, 'idea-c', ACTOR);
      expect(await graph.getNode(legacy.id)).toMatchObject({ origin: 'generated', version: 2 });
    });

    it("keeps another idea's name: a clash gets this idea's id as a suffix, its own name does not", async () => {
      newIdea('idea-d1');
      newIdea('idea-d2');
      addVersion('idea-d1', 1, 'Same words, two ideas');
      addVersion('idea-d2', 1, 'Different words at first');
      await syncIdeaNode(graph, sessions, 'idea-d1', ACTOR);
      await syncIdeaNode(graph, sessions, 'idea-d2', ACTOR);
      addVersion('idea-d2', 2, 'Same words, two ideas');
      await syncIdeaNode(graph, sessions, 'idea-d2', ACTOR);
      expect((await ideaNode('idea-d1')).name).toBe('Same words, two ideas');
      expect((await ideaNode('idea-d2')).name).toBe('Same words, two ideas [idea-d2]');
      await syncIdeaNode(graph, sessions, 'idea-d1', ACTOR);
      expect((await ideaNode('idea-d1')).name).toBe('Same words, two ideas');
    });

    it('two syncs of one idea at once (a decision while the run writes) end in one node in step', async () => {
      newIdea('idea-e');
      addVersion('idea-e', 1, 'Racing write-backs');
      await syncIdeaNode(graph, sessions, 'idea-e', ACTOR);
      addVersion('idea-e', 2, 'Racing write-backs, version two');
      sessions.updateIdea('idea-e', { phase: 'done', outcome: 'accepted', decidedBy: 'user' });
      // A person added an alias since the last sync: the idea stays the source of the mirrored fields only.
      const before = await ideaNode('idea-e');
      await graph.updateNode(
        { id: before.id, expectedVersion: before.version, patch: { aliases: ['racing'] } },
        { actor: 'grace' },
      );
      await Promise.all([
        syncIdeaNode(graph, sessions, 'idea-e', ACTOR),
        syncIdeaNode(graph, sessions, 'idea-e', ACTOR),
      ]);
      const after = await ideaNode('idea-e');
      expect(after).toMatchObject({
        name: 'Racing write-backs, version two',
        review: 'approved',
        aliases: ['racing'],
        props: { status: 'accepted', currentVersion: 2 },
      });
      expect((await graph.stats()).nodes.Idea).toBe(1);
    });
  });
}
