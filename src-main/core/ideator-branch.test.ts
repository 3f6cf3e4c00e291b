import { describe, expect, it } from 'vitest';
import type { IdeatorEstimate, IdeatorSessionDetail, IdeatorSessionRecord } from '../contract/ideator.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { openIdeatorCore, statusReached } from '../test-support/ideator-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/**
 * Issue 16, branching at a turn (ideator/branch-session.ts) through the core's `ideator.branch` with the scripted
 * server (scenario ideator-branch.json): the branch copies the idea's steps up to the turn's round, asks that
 * round's question anew (another persona, or the user's words), records where it came from, leaves the source
 * alone, and its estimate prices only the rounds left.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

async function acceptedSession() {
  const { events, call, ok, server } = await openIdeatorCore(open, tempDir(), 'branch');
  const settled = (sessionId: string) => statusReached(events, sessionId, ['completed', 'failed']);
  const source = await ok<IdeatorSessionRecord>('ideator.start', {
    topic: 'LLM research ideation',
    ideas: 1,
    noGraph: true,
    maxRounds: 3,
    // The fixed cycle: these tests are about branching; the scenario's mentor accepts in round 2.
    mentorPolicy: LEGACY_POLICY,
  });
  await settled(source.id);
  const detail = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: source.id });
  const seqOf = (kind: string, round: number) =>
    detail.turns.find((t) => t.kind === kind && t.round === round)?.seq ?? -1;
  return { call, ok, server, settled, source, detail, seqOf };
}

describe('ideator.branch', () => {
  it('re-asks a round under another persona and answers an injected question, the source untouched', async () => {
    const { ok, server, settled, source, detail, seqOf } = await acceptedSession();
    expect(detail.session.error).toBeNull();
    expect(detail.ideas[0]).toMatchObject({ outcome: 'accepted', currentVersion: 2 });
    const firstQuestion = seqOf('mentor', 1);
    const secondVersion = detail.turns.filter((t) => t.kind === 'idea').at(-1)?.seq ?? -1;

    // Estimates before running: a branch at round 1's question has three rounds left, after version 2 two.
    const early = await ok<IdeatorEstimate>('ideator.estimate', {
      branchAt: { sessionId: source.id, turn: firstQuestion },
      persona: { kind: 'skeptic' },
    });
    const late = await ok<IdeatorEstimate>('ideator.estimate', {
      branchAt: { sessionId: source.id, turn: secondVersion },
    });
    expect([early.calls, early.maxRounds, early.ideas]).toEqual([7, 3, 1]);
    expect([late.calls, late.maxRounds]).toEqual([4, 2]);
    expect(late.cost.usd).toBeLessThanOrEqual(early.cost.usd);

    const skeptic = await ok<IdeatorSessionRecord>('ideator.branch', {
      sessionId: source.id,
      turn: firstQuestion,
      persona: { kind: 'skeptic' },
    });
    await settled(skeptic.id);
    const a = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: skeptic.id });
    expect(a.session.forkedFrom).toEqual({
      sessionId: source.id,
      ideaId: detail.ideas[0]?.id,
      version: 1,
      turn: firstQuestion,
    });
    expect(a.session.config.persona).toEqual({ kind: 'skeptic' });
    // The exploration and version 1 are copied (renumbered, each naming its source turn); round 1 is re-asked.
    expect(a.turns.map((t) => t.kind)).toEqual(['note', 'researcher', 'idea', 'mentor']);
    expect(a.turns[2]?.meta.copiedFrom).toBe(seqOf('idea', 0));
    expect(a.turns[3]?.meta).toMatchObject({ persona: 'skeptic', verdict: 'rejected' });
    expect(a.ideas[0]).toMatchObject({ outcome: 'rejected', round: 1, currentVersion: 1 });
    expect(a.ideas[0]?.versions.map((v) => v.turnSeq)).toEqual([a.turns[2]?.seq]);

    const asked = 'How would you measure novelty without an LLM judge?';
    const injected = await ok<IdeatorSessionRecord>('ideator.branch', {
      sessionId: source.id,
      turn: secondVersion,
      question: asked,
    });
    await settled(injected.id);
    const b = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: injected.id });
    expect(b.turns.map((t) => t.kind)).toEqual([
      'note',
      ...detail.turns.map((t) => t.kind).slice(0, -1),
      'human',
      'researcher',
      'idea',
      'mentor',
    ]);
    expect(b.ideas[0]).toMatchObject({ outcome: 'accepted', currentVersion: 3 });
    expect(b.ideas[0]?.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    // The researcher answered the injected question with the copied dialogue in front of it.
    const answer = server.requests.find((r) => JSON.stringify(r.body).includes(asked));
    expect(JSON.stringify(answer?.body)).toContain('What exactly is a motivation chain');

    const after = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: source.id });
    expect(after.turns).toEqual(detail.turns);
    expect(after.ideas).toEqual(detail.ideas);
    expect(server.unusedSteps()).toEqual([]);
  });

  it('refuses a missing turn, too few rounds and an oversized question before writing anything', async () => {
    const { call, ok, source, seqOf } = await acceptedSession();
    const before = await ok<IdeatorSessionRecord[]>('ideator.list', {});
    const expectError = async (payload: unknown, code: string, message: RegExp) => {
      const reply = await call('ideator.branch', payload);
      expect(reply).toMatchObject({ error: { code } });
      expect(JSON.stringify(reply)).toMatch(message);
    };
    await expectError({ sessionId: source.id, turn: 999 }, 'NOT_FOUND', /no turn 999/);
    await expectError({ sessionId: 'nope', turn: 1 }, 'NOT_FOUND', /nope/);
    await expectError(
      { sessionId: source.id, turn: seqOf('mentor', 2), maxRounds: 1 },
      'VALIDATION',
      /after round 1/,
    );
    await expectError(
      { sessionId: source.id, turn: 1, question: 'x'.repeat(4_001) },
      'VALIDATION',
      /question/,
    );
    expect(await ok<IdeatorSessionRecord[]>('ideator.list', {})).toEqual(before);
  });

  it('branches while the source is still running: the source goes on, the branch holds only the cut', async () => {
    const { ok, events } = await openIdeatorCore(open, tempDir(), 'long');
    const source = await ok<IdeatorSessionRecord>('ideator.start', {
      topic: 'LLM research ideation',
      ideas: 1,
      maxRounds: 8,
      mentorPolicy: LEGACY_POLICY,
    });
    const mentorTurns = () =>
      events.filter((e) => e.type === 'turn' && e.sessionId === source.id && e.turn.kind === 'mentor').length;
    await waitFor(() => mentorTurns() >= 1, 10_000);
    const live = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: source.id });
    const firstVersion = live.turns.find((t) => t.kind === 'idea')?.seq ?? -1;
    const branch = await ok<IdeatorSessionRecord>('ideator.branch', {
      sessionId: source.id,
      turn: firstVersion,
      question: 'Which node do you rely on most?',
    });
    await waitFor(() => mentorTurns() >= 3, 20_000);
    await ok('ideator.stop', { sessionId: branch.id });
    await ok('ideator.stop', { sessionId: source.id });
    const a = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: branch.id });
    const copied = a.turns.filter((t) => typeof t.meta['copiedFrom'] === 'number');
    expect(copied.map((t) => t.meta['copiedFrom'])).toEqual(
      live.turns.filter((t) => t.seq <= firstVersion).map((t) => t.seq),
    );
    expect(a.turns.find((t) => t.kind === 'human')?.content).toBe('Which node do you rely on most?');
    const after = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: source.id });
    expect(after.turns.length).toBeGreaterThan(live.turns.length);
    expect(after.turns.slice(0, live.turns.length)).toEqual(live.turns);
  });
});
