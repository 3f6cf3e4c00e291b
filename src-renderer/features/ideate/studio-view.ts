import type { IdeatorSessionDetail, IdeatorTurn } from '../../../src-main/contract/ideator.ts';

/**
 * Pure helpers behind the ideation studio's dialogue (issue 16): the dialogue as rows (a heading per idea, each
 * tool call with its result), whether a scroll box is at its end, and which turns a branch can start at.
 */

export type DialogueRow =
  | { type: 'heading'; ideaId: string; number: number; title: string }
  | { type: 'turn'; turn: IdeatorTurn; results: ReadonlyMap<string, IdeatorTurn> };

/**
 * One heading where the dialogue moves to another idea; tool results go inside the call that asked for them
 * (collapsed), so a standalone tool row is left only for a result whose call is not shown.
 */
export function dialogueRows(detail: Pick<IdeatorSessionDetail, 'ideas' | 'turns'>): DialogueRow[] {
  const numbers = new Map(detail.ideas.map((idea) => [idea.id, idea]));
  const asked = new Set(detail.turns.flatMap((t) => t.toolCalls.map((c) => c.id)));
  const results = new Map<string, IdeatorTurn>();
  for (const turn of detail.turns) {
    if (turn.kind === 'tool' && turn.toolCallId && asked.has(turn.toolCallId))
      results.set(turn.toolCallId, turn);
  }
  const rows: DialogueRow[] = [];
  let current: string | null = null;
  for (const turn of detail.turns) {
    if (turn.kind === 'tool' && turn.toolCallId && results.get(turn.toolCallId) === turn) continue;
    if (turn.ideaId && turn.ideaId !== current) {
      current = turn.ideaId;
      const idea = numbers.get(turn.ideaId);
      const title = idea?.versions.at(-1)?.idea.title ?? 'no draft yet';
      rows.push({ type: 'heading', ideaId: turn.ideaId, number: (idea?.index ?? 0) + 1, title });
    }
    rows.push({ type: 'turn', turn, results });
  }
  return rows;
}

/** The scroll box is (within `slack` pixels of) its end: new turns should keep it there. */
export function atEnd(
  box: { scrollTop: number; scrollHeight: number; clientHeight: number },
  slack = 48,
): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= slack;
}

/** A branch starts at a turn of an idea once the idea has a first version (the core refuses earlier ones). */
export function canBranchAt(turn: IdeatorTurn, turns: readonly IdeatorTurn[]): boolean {
  if (!turn.ideaId || turn.kind === 'note') return false;
  return turns.some((t) => t.ideaId === turn.ideaId && t.kind === 'idea' && t.seq <= turn.seq);
}
