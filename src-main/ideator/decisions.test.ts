import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { ideatorHarness } from '../test-support/ideator-harness.ts';
import type { IdeatorHarness } from '../test-support/ideator-harness.ts';

/**
 * Issue 9 item 7: the user's accept/reject is an event in the session's history and can be undone by a further
 * event that restores the idea's previous status, in the ideator store and on the graph's Idea node alike.
 */

const tempDir = useTempDirs();
const startIdeatorHarness = stopAfterEach(ideatorHarness);
let h: IdeatorHarness | undefined;

async function decidedDraft() {
  h = await startIdeatorHarness('fork', tempDir());
  const session = h.manager.start({ topic: 'LLM research ideation', ideas: 1, noMentor: true });
  expect((await h.manager.whenSettled(session.id)).status).toBe('completed');
  const [idea] = h.manager.get(session.id).ideas;
  if (!idea) throw new Error('no idea');
  return { harness: h, sessionId: session.id, ideaId: idea.id };
}

describe('undoable decisions', () => {
  it('records decide and undo as history events and mirrors each on the Idea node', async () => {
    const { harness, sessionId, ideaId } = await decidedDraft();
    const nodeStatus = async () => {
      const nodeId = harness.manager.store.idea(ideaId).graphNodeId;
      const node = nodeId ? await harness.graph.getNode(nodeId) : null;
      return node?.kind === 'Idea' ? node.props.status : undefined;
    };
    expect(await nodeStatus()).toBe('draft');

    await harness.manager.decide(ideaId, 'accept');
    expect(harness.manager.store.idea(ideaId)).toMatchObject({ outcome: 'accepted', decidedBy: 'user' });
    expect(await nodeStatus()).toBe('accepted');

    const undone = await harness.manager.undoDecision(ideaId);
    expect(undone).toMatchObject({ outcome: 'unreviewed', decidedBy: null, phase: 'done' });
    expect(await nodeStatus()).toBe('draft');

    await harness.manager.decide(ideaId, 'reject', 'too close to prior work');
    // A new process (after a restart) still knows what to undo: it is in the file.
    const reopened = harness.reopen();
    await reopened.undoDecision(ideaId);
    expect(reopened.store.idea(ideaId)).toMatchObject({ outcome: 'unreviewed', decidedBy: null });
    expect(await nodeStatus()).toBe('draft');

    const notes = reopened.get(sessionId).turns.filter((t) => t.kind === 'note');
    expect(notes.map((t) => t.content)).toEqual([
      'User accepted the idea',
      'User undid the decision "User accepted the idea"',
      'User rejected the idea: too close to prior work',
      'User undid the decision "User rejected the idea: too close to prior work"',
    ]);
    expect(notes[1]?.meta).toMatchObject({ undoes: notes[0]?.seq });
    await expect(reopened.undoDecision(ideaId)).rejects.toThrow(/no decision of yours/);
  });

  it('lets only one of two simultaneous undos through; the other is refused, nothing half-written', async () => {
    const { harness, sessionId, ideaId } = await decidedDraft();
    await harness.manager.decide(ideaId, 'accept');
    const other = harness.reopen();
    const results = await Promise.allSettled([
      harness.manager.undoDecision(ideaId),
      other.undoDecision(ideaId),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const undos = harness.manager.get(sessionId).turns.filter((t) => t.meta['undoes'] !== undefined);
    expect(undos).toHaveLength(1);
    expect(harness.manager.store.idea(ideaId).outcome).toBe('unreviewed');
  });

  it('undoing a decision that ended deliberation reopens the idea and a completed session becomes paused', async () => {
    const { harness, sessionId, ideaId } = await decidedDraft();
    // As if decided while the mentor was still questioning: the idea was in the mentor phase.
    harness.manager.store.updateIdea(ideaId, { phase: 'mentor', outcome: null });
    await harness.manager.decide(ideaId, 'accept');
    await harness.manager.undoDecision(ideaId);
    expect(harness.manager.store.idea(ideaId)).toMatchObject({ phase: 'mentor', outcome: null });
    expect(harness.manager.get(sessionId).session.status).toBe('paused');
  });
});
