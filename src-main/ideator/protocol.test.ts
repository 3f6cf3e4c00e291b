import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { ideatorHarness, startLegacyIdea } from '../test-support/ideator-harness.ts';
import type { IdeatorHarness } from '../test-support/ideator-harness.ts';

const tempDir = useTempDirs();
const startIdeatorHarness = stopAfterEach(ideatorHarness);
let h: IdeatorHarness | undefined;

const bodies = (harness: IdeatorHarness, role: string) =>
  harness.server.requests.filter((r) => JSON.stringify(r.body.messages ?? '').includes(`[role:${role}]`));

describe('ideator protocol', () => {
  it('explores with tools, drafts, deliberates and ends with ACCEPT; the idea lands in the graph', async () => {
    h = await startIdeatorHarness('accept', tempDir());
    // The fixed cycle in this file: it is about exploration, drafts, compaction and the graph; the weakest-aspect
    // policy has mentor-policy.test.ts. Its scenarios' mentors decide in rounds 1 and 2.
    const started = startLegacyIdea(h, { maxRounds: 3 });
    const session = await h.manager.whenSettled(started.id);
    expect(session.status).toBe('completed');
    expect(h.server.unusedSteps()).toEqual([]);

    const detail = h.manager.get(started.id);
    const idea = detail.ideas[0];
    expect(idea?.outcome).toBe('accepted');
    expect(idea?.decidedBy).toBe('mentor');
    expect(idea?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(idea?.versions[1]?.missingCitations).toEqual(['kg:challenge:Made_up_node_that_does_not_exist']);
    expect(detail.session.config.researcherPrompt).toBe('researcher.v2');
    expect(detail.session.config.mentorPrompt).toBe('mentor.v2');

    // Every tool call was answered from the real graph; random picks are seeded.
    const tools = detail.turns.filter((t) => t.kind === 'tool');
    expect(tools.map((t) => t.toolName)).toEqual([
      'node_search',
      'get_random_nodes',
      'get_random_nodes',
      'node_relation',
      'literature_search',
    ]);
    expect(tools.every((t) => t.meta.ok === true)).toBe(true);
    expect(tools[0]?.content).toContain('kg:challenge:Limited_novelty_in_generated_research_ideas');
    expect(tools[3]?.content).toContain('"solutions"');
    // Without a remote literature source the local graph's papers answer, and the turn records that.
    expect(tools[4]?.meta.source).toBe('local-graph');
    expect(tools[4]?.content).toContain('Chenglei Si, Diyi Yang, Tatsunori Hashimoto');
    // Tools are offered natively, with JSON schemas.
    const firstResearcher = bodies(h, 'researcher')[0]?.body as { tools?: { function: { name: string } }[] };
    expect(firstResearcher.tools?.map((t) => t.function.name)).toEqual([
      'node_search',
      'node_relation',
      'get_random_nodes',
      'literature_search',
    ]);

    // The mentor asked clarity first, then innovation.
    expect(detail.turns.filter((t) => t.kind === 'mentor').map((t) => t.meta.aspect)).toEqual([
      'clarity',
      'innovation',
    ]);
    expect(detail.usage.calls).toBe(9);

    // Write-back: an Idea node with CITES edges to the resolved nodes only.
    const node = await h.graph.getNode(idea?.graphNodeId ?? '');
    expect(node?.kind).toBe('Idea');
    expect(node?.props).toMatchObject({ status: 'accepted', currentVersion: 2 });
    // It mirrors the latest version and the verdict, and says an LLM wrote it.
    expect(node).toMatchObject({
      name: idea?.versions[1]?.idea.title,
      origin: 'generated',
      review: 'approved',
    });
    const rel = await h.graph.nodeRelation(node?.id ?? '');
    const cited = rel.neighbours.CITES.outgoing
      .filter((r) => r.node.kind !== 'Topic')
      .map((r) => r.node.name)
      .sort();
    const topics = rel.neighbours.CITES.outgoing.filter((r) => r.node.kind === 'Topic');
    expect(topics.map((r) => r.node.name)).toEqual(['LLM research ideation']);
    expect(cited).toEqual([
      'Knowledge graph guided retrieval augmentation',
      'Limited novelty in generated research ideas',
      'Scientific idea generation',
      'Socratic questioning for self refinement',
    ]);
    expect(h.manager.turns(started.id, 10, 2).map((t) => t.seq)).toEqual([11, 12]);
    // Events: turns, streamed tokens, status changes.
    expect(h.events.some((e) => e.type === 'token' && e.agent === 'mentor')).toBe(true);
    expect(h.events.filter((e) => e.type === 'status').map((e) => e.type === 'status' && e.status)).toEqual([
      'running',
      'completed',
    ]);
  });

  it('records a REJECT and keeps the rejected idea', async () => {
    h = await startIdeatorHarness('reject', tempDir());
    const { id } = startLegacyIdea(h, { maxRounds: 4 });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    const idea = h.manager.get(id).ideas[0];
    expect(idea?.outcome).toBe('rejected');
    expect(idea?.currentVersion).toBe(2);
    expect((await h.graph.getNode(idea?.graphNodeId ?? ''))?.props).toMatchObject({ status: 'rejected' });
  });

  it('ends at the round limit without a verdict, telling the mentor on the last round', async () => {
    h = await startIdeatorHarness('round-limit', tempDir());
    // A tight prompt budget: every request is compacted to fit it.
    const budget = 1_000;
    const { id } = startLegacyIdea(h, { maxRounds: 2, promptBudgetTokens: budget });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    const idea = h.manager.get(id).ideas[0];
    expect(idea).toMatchObject({ outcome: 'round_limit', decidedBy: 'limit', round: 2 });
    const sizes = h.server.requests.map((r) => Math.ceil(JSON.stringify(r.body.messages).length / 4));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(budget);
    expect(h.server.unusedSteps()).toEqual([]);
  });

  it('ablation without graph tools: no tools offered, no exploration call', async () => {
    h = await startIdeatorHarness('no-graph', tempDir());
    const { id } = startLegacyIdea(h, { noGraph: true });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    expect(h.server.requests.every((r) => r.body.tools === undefined)).toBe(true);
    expect(JSON.stringify(h.server.requests[0]?.body)).toContain('No graph tools are available');
    expect(h.manager.get(id).ideas[0]?.outcome).toBe('accepted');
  });

  it('reports a rate-limited call as a retry event and carries on', async () => {
    h = await startIdeatorHarness('rate-limit', tempDir());
    const { id } = startLegacyIdea(h, { noGraph: true });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    const retries = h.events.filter((e) => e.type === 'retry');
    expect(retries).toMatchObject([{ type: 'retry', sessionId: id, code: 'LLM_RATE_LIMITED' }]);
    expect(h.manager.get(id).ideas[0]?.outcome).toBe('accepted');
  });

  it('ablation without the mentor: drafts are final; later ideas see earlier ones for diversity', async () => {
    h = await startIdeatorHarness('no-mentor', tempDir());
    const { id } = h.manager.start({ topic: 'LLM research ideation', ideas: 2, noMentor: true });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    expect(bodies(h, 'mentor')).toHaveLength(0);
    const ideas = h.manager.get(id).ideas;
    expect(ideas.map((i) => i.outcome)).toEqual(['unreviewed', 'unreviewed']);
    expect(h.server.unusedSteps()).toEqual([]);
  });

  it("an isolated session with its own researcher model sees no other session's ideas; the default still does", async () => {
    h = await startIdeatorHarness('isolated', tempDir());
    const topic = 'LLM research ideation';
    const first = h.manager.start({ topic, ideas: 1, noGraph: true, noMentor: true });
    expect((await h.manager.whenSettled(first.id)).status).toBe('completed');
    const isolated = h.manager.start({
      topic,
      ideas: 1,
      noGraph: true,
      noMentor: true,
      isolated: true,
      researcherModel: 'setting-model',
    });
    expect((await h.manager.whenSettled(isolated.id)).status).toBe('completed');
    expect(h.server.unusedSteps()).toEqual([]);
    const [firstCall, isolatedCall] = h.server.requests;
    expect(firstCall?.body.model).toBe('scripted-chat');
    expect(isolatedCall?.body.model).toBe('setting-model');
    expect(JSON.stringify(isolatedCall?.body)).not.toContain('Idea of the first session');
    const detail = h.manager.get(isolated.id);
    expect(detail.session.config).toMatchObject({ isolated: true, researcherModel: 'setting-model' });
    expect(detail.ideas[0]).toMatchObject({ outcome: 'unreviewed', currentVersion: 1 });
    // The ledger prices the call under the model that answered it.
    expect(new Set(h.manager.store.ledger(isolated.id).map((e) => e.model))).toEqual(
      new Set(['setting-model']),
    );
    // Read as a default session would, the topic still lists the other session's idea (unchanged behaviour).
    expect(h.manager.store.previousIdeas(topic, detail.ideas[0]?.id ?? '', 10).map((i) => i.title)).toEqual([
      'Idea of the first session',
    ]);
  });
});
