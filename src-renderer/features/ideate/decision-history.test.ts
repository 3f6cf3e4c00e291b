import { describe, expect, it } from 'vitest';
import type { IdeatorTurn } from '../../../src-main/contract/ideator.ts';
import { decisionHistory, standingDecision } from './decision-history.ts';

const note = (seq: number, content: string, meta: Record<string, unknown>, ideaId = 'i1'): IdeatorTurn => ({
  sessionId: 's',
  seq,
  ideaId,
  round: 0,
  kind: 'note',
  content,
  toolCalls: [],
  toolCallId: null,
  toolName: null,
  meta,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('decision history', () => {
  it('lists decisions and undos of one idea, marks undone ones, and finds the one to undo next', () => {
    const turns = [
      note(3, 'User accepted the idea', { decision: 'accept' }),
      note(4, 'User rejected the idea', { decision: 'reject' }),
      note(5, 'User undid the decision "User rejected the idea"', { undoes: 4 }),
      note(6, 'User accepted the idea', { decision: 'accept' }, 'other-idea'),
      note(7, 'Forked from …', { forDialogue: true }),
    ];
    const history = decisionHistory(turns, 'i1');
    expect(history.map((e) => [e.seq, e.kind, e.undone])).toEqual([
      [3, 'decision', false],
      [4, 'decision', true],
      [5, 'undo', false],
    ]);
    expect(standingDecision(history)?.seq).toBe(3);
    const all = decisionHistory([...turns, note(8, 'undo', { undoes: 3 })], 'i1');
    expect(standingDecision(all)).toBeNull();
  });
});
