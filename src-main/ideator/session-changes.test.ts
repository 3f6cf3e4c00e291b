import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { SessionStore } from './session-store.ts';
import { ideatorHarness, startLegacyIdea } from '../test-support/ideator-harness.ts';
import type { IdeatorHarness } from '../test-support/ideator-harness.ts';
import type { IdeaRecord, SessionChange } from './types.ts';

/**
 * Events as deltas (issue 11): every committed change is numbered per session in the transaction that commits
 * it, stored, and sent; the changes alone rebuild what `get` reads, and `since` replays exactly what was sent.
 */

const tempDir = useTempDirs();
let h: IdeatorHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const numbered = (events: IdeatorHarness['events'], sessionId: string): SessionChange[] =>
  events.filter((e): e is SessionChange => 'seq' in e && e.sessionId === sessionId);

const newTurn = (content: string) => ({
  ideaId: null,
  round: 0,
  kind: 'note' as const,
  content,
  toolCalls: [],
  toolCallId: null,
  toolName: null,
  meta: {},
});

describe('session changes', () => {
  it('numbers every change 1, 2, 3…, sends them in order, and they alone rebuild the session', async () => {
    h = await ideatorHarness('accept', tempDir());
    // The fixed cycle: this test is about the change log; the scenario's mentor accepts in round 2.
    const started = startLegacyIdea(h, { maxRounds: 3 });
    await h.manager.whenSettled(started.id);
    const sent = numbered(h.events, started.id);
    expect(sent.map((c) => c.seq)).toEqual(sent.map((_, i) => i + 1));

    const detail = h.manager.get(started.id);
    expect(detail.session.seq).toBe(sent.length);
    // What was sent is what is stored: a client that missed everything gets the same from `since`.
    expect(h.manager.since(started.id, 0)).toEqual({ seq: sent.length, changes: sent });
    expect(h.manager.since(started.id, 5).changes).toEqual(sent.slice(5));
    expect(h.manager.since(started.id, sent.length).changes).toEqual([]);

    const turns = sent.flatMap((c) => (c.type === 'turn' ? [c.turn] : []));
    expect(turns).toEqual(detail.turns);
    const ideas = new Map<string, IdeaRecord>();
    for (const c of sent) if (c.type === 'idea') ideas.set(c.idea.id, c.idea);
    const versions = sent.flatMap((c) => (c.type === 'version' ? [c.version] : []));
    expect(detail.ideas).toEqual(
      [...ideas.values()].map((idea) => ({
        ...idea,
        versions: versions.filter((v) => v.ideaId === idea.id),
      })),
    );
    const statuses = sent.flatMap((c) => (c.type === 'status' ? [c.status] : []));
    expect(statuses).toEqual(['running', 'completed']);
    const usage = sent.flatMap((c) => (c.type === 'usage' ? [c.entry] : []));
    expect(usage).toEqual(h.manager.store.ledger(started.id));
  });

  it('keeps numbering after a restart, from the file', async () => {
    const dir = tempDir();
    h = await ideatorHarness('no-mentor', dir);
    const started = h.manager.start({ topic: 'LLM research ideation', ideas: 1, noMentor: true });
    await h.manager.whenSettled(started.id);
    const before = h.manager.get(started.id);
    await h.manager.close();

    const again = h.reopen();
    expect(again.get(started.id).session.seq).toBe(before.session.seq);
    const ideaId = before.ideas[0]?.id ?? '';
    await again.decide(ideaId, 'accept');
    const after = again.since(started.id, before.session.seq);
    expect(after.changes[0]?.seq).toBe(before.session.seq + 1);
    expect(after.changes.map((c) => c.seq)).toEqual(after.changes.map((_, i) => before.session.seq + i + 1));
    expect(after.changes.map((c) => c.type)).toContain('turn');
    expect(after.seq).toBe(after.changes.at(-1)?.seq);
  });

  it('sends nothing for a rolled-back transaction and numbers nothing in the file', () => {
    const store = new SessionStore(join(tempDir(), 'ideator.sqlite'));
    try {
      const session = store.createSession('s1', configFor('topic'), null);
      store.drain();
      expect(() =>
        store.tx(() => {
          store.appendTurn(session.id, newTurn('kept?'));
          throw new Error('step failed');
        }),
      ).toThrow('step failed');
      expect(store.drain()).toEqual([]);
      expect(store.changeSeq(session.id)).toBe(1);
      expect(store.changesAfter(session.id, 0, 10).map((c) => c.type)).toEqual(['status']);
      store.appendTurn(session.id, newTurn('committed'));
      expect(store.drain().map((c) => c.seq)).toEqual([2]);
    } finally {
      store.close();
    }
  });

  it('gives two writers on one file distinct, gap-free numbers', () => {
    const path = join(tempDir(), 'ideator.sqlite');
    const a = new SessionStore(path);
    const b = new SessionStore(path);
    try {
      a.createSession('s1', configFor('topic'), null);
      for (let i = 0; i < 20; i++) (i % 2 ? a : b).appendTurn('s1', newTurn(`turn ${i}`));
      const seqs = [...a.drain(), ...b.drain()].map((c) => c.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      expect(b.changesAfter('s1', 0, 100).map((c) => c.seq)).toEqual(seqs);
    } finally {
      a.close();
      b.close();
    }
  });
});

function configFor(topic: string) {
  return {
    topic,
    ideas: 1,
    maxRounds: 1,
    noGraph: true,
    noMentor: true,
    promptBudgetTokens: 10_000,
    maxToolSteps: 1,
    maxToolResultChars: 1_000,
    seed: 1,
    researcherPrompt: 'researcher.v2',
    mentorPrompt: 'mentor.v1',
  };
}
