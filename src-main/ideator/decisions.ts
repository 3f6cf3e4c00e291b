import { AppError } from '../shared/errors.ts';
import type { SessionStore } from './session-store.ts';
import type { IdeaRecord, TurnRecord } from './types.ts';

/**
 * The user's accept/reject and its undo, as events in the session's history: a decision is a `note` turn that
 * records the idea's state before it (`meta.previous`); an undo is a further note that names the decision it
 * reverses (`meta.undoes`) and restores that state. Nothing is deleted or overwritten, so the history shows every
 * decision and every undo, and undoing again reaches the decision before. Each runs in one write transaction
 * that re-reads the idea, so two windows deciding or undoing at once apply one after the other.
 */

export type Decision = 'accept' | 'reject';

/** The idea's state a decision replaced; an undo writes it back. */
export interface DecisionState {
  phase: IdeaRecord['phase'];
  outcome: IdeaRecord['outcome'];
  decidedBy: IdeaRecord['decidedBy'];
}

export interface DecisionChange {
  idea: IdeaRecord;
  turn: TurnRecord;
  /** The idea went back to deliberation (its phase is not done any more). */
  reopened: boolean;
}

const stateOf = (idea: IdeaRecord): DecisionState => ({
  phase: idea.phase,
  outcome: idea.outcome,
  decidedBy: idea.decidedBy,
});

export function recordDecision(
  store: SessionStore,
  ideaId: string,
  decision: Decision,
  note = '',
): DecisionChange {
  return store.tx(() => {
    const idea = store.idea(ideaId);
    if (idea.currentVersion === 0) throw new AppError('CONFLICT', 'The idea has no version to decide on yet');
    const outcome = decision === 'accept' ? ('accepted' as const) : ('rejected' as const);
    const previous = stateOf(idea);
    const updated = store.updateIdea(ideaId, { phase: 'done', outcome, decidedBy: 'user' });
    const turn = store.appendTurn(idea.sessionId, {
      ideaId,
      round: idea.round,
      kind: 'note',
      content: `User ${decision}ed the idea${note.trim() ? `: ${note.trim()}` : ''}`,
      toolCalls: [],
      toolCallId: null,
      toolName: null,
      meta: { decision, previous },
    });
    return { idea: updated, turn, reopened: false };
  });
}

/** The user's latest decision on the idea that no later undo has reversed, or null. */
export function undoableDecision(turns: readonly TurnRecord[]): TurnRecord | null {
  const standing: TurnRecord[] = [];
  for (const turn of turns) {
    if (turn.kind !== 'note') continue;
    if (typeof turn.meta['decision'] === 'string') standing.push(turn);
    const undoes = turn.meta['undoes'];
    if (typeof undoes === 'number') {
      const at = standing.findIndex((t) => t.seq === undoes);
      if (at !== -1) standing.splice(at, 1);
    }
  }
  return standing.at(-1) ?? null;
}

export function undoDecision(store: SessionStore, ideaId: string): DecisionChange {
  return store.tx(() => {
    const idea = store.idea(ideaId);
    const decision = undoableDecision(store.turns(idea.sessionId, ideaId));
    if (!decision) throw new AppError('CONFLICT', 'There is no decision of yours on this idea to undo');
    const previous = decision.meta['previous'] as DecisionState | undefined;
    if (!previous) {
      throw new AppError(
        'CONFLICT',
        `The decision at turn ${decision.seq} was recorded before decisions could be undone`,
      );
    }
    const updated = store.updateIdea(ideaId, previous);
    const turn = store.appendTurn(idea.sessionId, {
      ideaId,
      round: idea.round,
      kind: 'note',
      content: `User undid the decision "${decision.content}"`,
      toolCalls: [],
      toolCallId: null,
      toolName: null,
      meta: { undoes: decision.seq, restored: previous },
    });
    return { idea: updated, turn, reopened: previous.phase !== 'done' };
  });
}
