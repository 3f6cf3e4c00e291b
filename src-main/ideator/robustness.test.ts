import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { ideatorHarness, INTERJECTED_TURN_KINDS, waitFor } from '../test-support/ideator-harness.ts';
import type { IdeatorHarness } from '../test-support/ideator-harness.ts';
import { LEGACY_POLICY } from './mentor-policy.ts';

const tempDir = useTempDirs();
const startIdeatorHarness = stopAfterEach(ideatorHarness);
const SMALL_CYCLE = { topic: 'LLM research ideation', maxRounds: 3, mentorPolicy: LEGACY_POLICY };
let h: IdeatorHarness | undefined;

const isMentor = (body: Record<string, unknown>) =>
  JSON.stringify(body.messages ?? '').includes('[role:mentor]');
const messagesOf = (body: Record<string, unknown>) => JSON.stringify(body.messages);

describe('ideator robustness', () => {
  it('answers unknown tools, malformed and invalid arguments with errors the model can read', async () => {
    h = await startIdeatorHarness('tool-errors', tempDir());
    const { id } = h.manager.start({ topic: 'LLM research ideation', ideas: 1, noMentor: true });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    const tools = h.manager.get(id).turns.filter((t) => t.kind === 'tool');
    expect(tools.map((t) => [t.toolName, t.meta.ok])).toEqual([
      ['web_browse', false],
      ['node_search', false],
      ['get_random_nodes', false],
      ['node_relation', true],
    ]);
    expect(tools[0]?.content).toContain('unknown tool');
    expect(tools[1]?.content).toContain('not valid JSON');
    expect(tools[2]?.content).toContain('invalid arguments for get_random_nodes');
    expect(tools[3]?.content).toContain('no such node');
    // The errors went back to the model as tool messages.
    expect(messagesOf(h.server.requests[1]?.body ?? {})).toContain('unknown tool');
  });

  it('repairs invalid idea JSON through a repair turn', async () => {
    h = await startIdeatorHarness('repair', tempDir());
    const { id } = h.manager.start({ topic: 'LLM research ideation', ideas: 1, noMentor: true });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    const version = h.manager.get(id).ideas[0]?.versions[0];
    expect(version?.repairs).toBe(1);
    expect(version?.idea.name).toBe('kg_guided_socratic_ideation');
    expect(messagesOf(h.server.requests.at(-1)?.body ?? {})).toContain('must be snake_case');
  });

  it('keeps paid-for ideas when the graph becomes unreadable: tool errors, unchecked citations, write-back retried', async () => {
    h = await startIdeatorHarness('no-mentor', tempDir());
    await h.graph.close();
    const { id } = h.manager.start({ topic: 'LLM research ideation', ideas: 2, noMentor: true });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    const detail = h.manager.get(id);
    expect(detail.turns.find((t) => t.kind === 'tool')?.content).toContain('closed');
    const first = detail.ideas[0];
    expect(first?.graphError).toMatch(/closed/);
    expect(first?.graphNodeId).toBeNull();
    expect(first?.versions[0]?.citations.every((c) => c.status === 'unchecked')).toBe(true);
    expect(first?.versions[0]?.missingCitations).toEqual([]);
  });

  it('fails with a clear error when the endpoint is gone', async () => {
    h = await startIdeatorHarness('no-mentor', tempDir());
    await h.server.stop();
    const { id } = h.manager.start({ topic: 'LLM research ideation', ideas: 1, noMentor: true });
    const settled = await h.manager.whenSettled(id);
    expect(settled.status).toBe('failed');
    expect(settled.error?.code).toBe('LLM_UNAVAILABLE');
  });

  it('resumes after a crash from the last committed turn without re-asking committed turns', async () => {
    const dir = tempDir();
    h = await startIdeatorHarness('resume', dir);
    const server = h.server;
    // The fixed cycle in this file: its tests are about recovery, interjections and forks, and their scenarios'
    // mentors accept in round 1 or 2.
    const { id } = h.manager.start({ ...SMALL_CYCLE, ideas: 1 });
    // Crash while the mentor is answering (its step is slow): the in-flight call is lost, nothing committed is.
    await waitFor(() => server.requests.some((r) => isMentor(r.body)));
    const before = h.manager.get(id);
    expect(before.turns.map((t) => t.kind)).toEqual(['researcher', 'tool', 'researcher', 'idea']);
    // The mentor call in flight counts as started (outcome unknown) until the close below settles it as failed.
    expect(before.usage.unknownCalls).toBe(1);
    const paidBefore = before.usage.calls - before.usage.unknownCalls;
    // While the first manager still runs it, another one on the same file must not drive it too.
    const second = h.reopen();
    expect(second.get(id).session.status).toBe('running');
    expect(() => second.resume(id)).toThrow(/running in another process/);
    await h.manager.close();
    const sentBeforeCrash = server.requests.length;

    expect(second.get(id).session.status).toBe('interrupted');
    expect(second.list().map((s) => s.status)).toEqual(['interrupted']);
    second.resume(id);
    const settled = await second.whenSettled(id);
    expect(settled.status).toBe('completed');

    const after = server.requests.slice(sentBeforeCrash);
    // Only the lost mentor call is asked again; no researcher turn committed before the crash is re-requested.
    expect(after.filter((r) => isMentor(r.body))).toHaveLength(2);
    const earlier = new Set(server.requests.slice(0, sentBeforeCrash).map((r) => messagesOf(r.body)));
    const repeated = after.filter((r) => earlier.has(messagesOf(r.body)));
    expect(repeated.map((r) => r.stepId)).toEqual(['mentor-clarity']);
    expect(server.unusedSteps()).toEqual([]);

    const detail = second.get(id);
    expect(detail.ideas[0]?.outcome).toBe('accepted');
    // The ledger kept the calls paid before the crash and continued after it.
    expect(detail.usage.calls).toBe(paidBefore + after.length);
    expect(detail.turns.map((t) => t.seq)).toEqual(detail.turns.map((_t, i) => i + 1));
  });

  it('pauses, takes a human-mentor interjection in place of the next question, and resumes', async () => {
    h = await startIdeatorHarness('interject', tempDir());
    const server = h.server;
    const { id } = h.manager.start({ ...SMALL_CYCLE, ideas: 1 });
    await waitFor(() => server.requests.some((r) => isMentor(r.body)));
    expect((await h.manager.pause(id)).status).toBe('paused');
    const turn = h.manager.interject(id, 'Consider low-resource languages as well.');
    expect(turn.kind).toBe('human');
    h.manager.resume(id);
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    expect(server.unusedSteps()).toEqual([]);
    const detail = h.manager.get(id);
    expect(detail.ideas[0]).toMatchObject({ outcome: 'accepted', currentVersion: 2, round: 2 });
    expect(detail.turns.map((t) => t.kind)).toEqual(INTERJECTED_TURN_KINDS);
  });

  it('lets the user decide, stop a running session, and fork a new session from an idea version', async () => {
    h = await startIdeatorHarness('fork', tempDir());
    const server = h.server;
    const { id } = h.manager.start({ topic: 'LLM research ideation', ideas: 1, noMentor: true });
    await h.manager.whenSettled(id);
    const first = h.manager.get(id).ideas[0];
    const decided = await h.manager.decide(first?.id ?? '', 'accept', 'good enough');
    expect(decided).toMatchObject({ outcome: 'accepted', decidedBy: 'user' });
    expect(await h.graph.getNode(decided.graphNodeId ?? '')).toMatchObject({
      origin: 'generated',
      review: 'approved',
      props: { status: 'accepted' },
    });

    // A fork deliberates the version anew; stopping it mid-call ends it for good.
    const stopped = h.manager.fork(first?.id ?? '', 1, {
      noMentor: false,
      maxRounds: 2,
      mentorPolicy: LEGACY_POLICY,
    });
    expect(stopped.forkedFrom).toEqual({ sessionId: id, ideaId: first?.id, version: 1 });
    await waitFor(() => server.requests.some((r) => isMentor(r.body)));
    expect((await h.manager.stop(stopped.id)).status).toBe('stopped');
    expect(() => h?.manager.resume(stopped.id)).toThrow(/stopped/);

    const fork = h.manager.fork(first?.id ?? '', 1, {
      noMentor: false,
      maxRounds: 2,
      mentorPolicy: LEGACY_POLICY,
    });
    expect((await h.manager.whenSettled(fork.id)).status).toBe('completed');
    const forked = h.manager.get(fork.id);
    expect(forked.turns.map((t) => t.kind)).toEqual(['note', 'idea', 'mentor']);
    expect(forked.ideas[0]).toMatchObject({ outcome: 'accepted', currentVersion: 1 });
    expect(server.unusedSteps()).toEqual([]);
    // No researcher call was made for either fork.
    expect(server.requests.filter((r) => !isMentor(r.body))).toHaveLength(2);
    expect(h.manager.list()).toHaveLength(3);
  });
});
