import type { IdeatorTurn } from '../../../src-main/contract/ideator.ts';

/**
 * The user's decisions on one idea as the core records them (src-main/ideator/decisions.ts): a decision is a
 * note turn with `meta.decision`, an undo a note with `meta.undoes` = the decision's seq. Pure, no DOM.
 */

export interface DecisionEntry {
  seq: number;
  text: string;
  at: string;
  kind: 'decision' | 'undo';
  /** A decision a later undo reversed. */
  undone: boolean;
}

const isDecision = (t: IdeatorTurn): boolean => t.kind === 'note' && typeof t.meta['decision'] === 'string';
const undoneSeq = (t: IdeatorTurn): number | null =>
  t.kind === 'note' && typeof t.meta['undoes'] === 'number' ? t.meta['undoes'] : null;

/** Every decision and undo on the idea, oldest first. */
export function decisionHistory(turns: readonly IdeatorTurn[], ideaId: string): DecisionEntry[] {
  const own = turns.filter((t) => t.ideaId === ideaId && (isDecision(t) || undoneSeq(t) !== null));
  const undone = new Set(own.map(undoneSeq).filter((seq): seq is number => seq !== null));
  return own.map((t) => ({
    seq: t.seq,
    text: t.content,
    at: t.createdAt,
    kind: isDecision(t) ? 'decision' : 'undo',
    undone: undone.has(t.seq),
  }));
}

/** The latest decision no undo has reversed: what "Undo decision" would reverse. */
export function standingDecision(history: readonly DecisionEntry[]): DecisionEntry | null {
  return history.filter((e) => e.kind === 'decision' && !e.undone).at(-1) ?? null;
}
