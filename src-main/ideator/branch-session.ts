import { AppError } from '../shared/errors.ts';
import type { MentorPersona } from './mentor-policy.ts';
import type { SessionStore } from './session-store.ts';
import type { ForkOrigin, IdeaVersionRecord, SessionConfig, TurnRecord } from './types.ts';

/**
 * Branching at a turn (issue 16): a new session that holds one idea's committed steps up to the turn, then goes
 * on. A turn belongs to a round (a version, then the question on it, the answer, the next version); the branch
 * keeps the dialogue up to that round's version and asks its question anew: in the user's words (an injected
 * question, a human mentor turn) or by the mentor under another persona. Ideas before the branched one are not
 * copied (their graph nodes exist once); the source session is only read.
 */

export interface BranchRequest {
  sessionId: string;
  turn: number;
  /** The user's question in the mentor's place; empty: the mentor asks. */
  question?: string;
  /** Another mentor persona for the branch; absent: the source session's. */
  persona?: MentorPersona;
  /** Rounds the branch may run in all (the copied ones count); absent: the source's, at least one more. */
  maxRounds?: number;
}

/** What a branch starts from: the source idea's turns and versions up to the cut, and its round there. */
export interface BranchCut {
  origin: ForkOrigin & { turn: number };
  config: SessionConfig;
  turns: TurnRecord[];
  versions: IdeaVersionRecord[];
  round: number;
}

/** Reads the cut in one read transaction, so a running source cannot move under it. */
export function branchCut(store: SessionStore, request: BranchRequest): BranchCut {
  return store.read(() => {
    const source = store.session(request.sessionId);
    const turn = store.turns(request.sessionId).find((t) => t.seq === request.turn);
    if (!turn) {
      throw new AppError('NOT_FOUND', `Session ${request.sessionId} has no turn ${request.turn}`, {
        field: 'turn',
      });
    }
    if (!turn.ideaId) {
      throw new AppError('CONFLICT', `Turn ${request.turn} belongs to no idea; branch at a turn of an idea`, {
        field: 'turn',
      });
    }
    const ideaTurns = store.turns(request.sessionId, turn.ideaId);
    const base = ideaTurns.filter((t) => t.kind === 'idea' && t.seq <= turn.seq).at(-1);
    if (!base) {
      throw new AppError(
        'CONFLICT',
        `Turn ${request.turn} comes before the idea's first draft; branch at or after version 1`,
        { field: 'turn' },
      );
    }
    const versions = store.versions(turn.ideaId).filter((v) => v.turnSeq <= base.seq);
    const version = versions.at(-1)?.version ?? 1;
    const round = base.round;
    const config = branchConfig(source.config, round, request);
    return {
      origin: { sessionId: source.id, ideaId: turn.ideaId, version, turn: request.turn },
      config,
      turns: ideaTurns.filter((t) => t.seq <= base.seq),
      versions,
      round,
    };
  });
}

/** One idea, the mentor on (a branch deliberates), the persona swapped if asked, room for one more round. */
function branchConfig(source: SessionConfig, round: number, request: BranchRequest): SessionConfig {
  const maxRounds = request.maxRounds ?? Math.max(source.maxRounds, round + 1);
  if (maxRounds <= round) {
    throw new AppError(
      'VALIDATION',
      `The branch starts after round ${round}; allow more rounds than that (asked: ${maxRounds})`,
      { field: 'maxRounds' },
    );
  }
  return {
    ...source,
    ideas: 1,
    noMentor: false,
    maxRounds,
    ...(request.persona ? { persona: request.persona } : {}),
  };
}

/** Rounds the branch can still run: what its estimate prices. */
export function roundsLeft(cut: BranchCut): number {
  return cut.config.maxRounds - cut.round;
}

/**
 * Writes the branch in one transaction: the session (forkedFrom names the source turn), the idea at the cut's
 * round waiting for the mentor, a note, the copied turns (renumbered, each recording its source seq), the
 * versions pointing at their copied turns, and the injected question as a human turn, which the runner answers
 * in place of the mentor's next question.
 */
export function writeBranch(
  store: SessionStore,
  ids: { sessionId: string; ideaId: string },
  cut: BranchCut,
  question: string,
): void {
  const { sessionId, ideaId } = ids;
  const { origin } = cut;
  store.tx(() => {
    store.createSession(sessionId, cut.config, origin);
    store.createIdea(ideaId, sessionId, 0, 'mentor');
    store.appendTurn(sessionId, {
      ideaId,
      round: 0,
      kind: 'note',
      content: `Branched at turn ${origin.turn} (version ${origin.version}) of another session.`,
      toolCalls: [],
      toolCallId: null,
      toolName: null,
      meta: { forkedFrom: origin },
    });
    const seqs = new Map<number, number>();
    for (const turn of cut.turns) {
      const { sessionId: _from, seq, createdAt: _at, ...fields } = turn;
      const copy = store.appendTurn(sessionId, {
        ...fields,
        ideaId,
        meta: { ...turn.meta, copiedFrom: seq },
      });
      seqs.set(seq, copy.seq);
    }
    for (const v of cut.versions) {
      store.addVersion(ideaId, v.version, v.idea, v.citations, seqs.get(v.turnSeq) ?? 0, v.repairs);
    }
    store.updateIdea(ideaId, { round: cut.round, currentVersion: cut.versions.at(-1)?.version ?? 1 });
    const asked = question.trim();
    if (asked) {
      store.appendTurn(sessionId, {
        ideaId,
        round: cut.round,
        kind: 'human',
        content: asked,
        toolCalls: [],
        toolCallId: null,
        toolName: null,
        meta: { branchQuestion: true },
      });
    }
  });
}
