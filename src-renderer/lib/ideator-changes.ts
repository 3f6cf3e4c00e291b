import type { IdeatorChange, IdeatorSessionDetail } from '../../src-main/contract/ideator.ts';

/**
 * A session's numbered changes (`ideator.event` and `ideator.since`) applied to its snapshot (`ideator.get`),
 * so an open session follows the run without re-reading it. The snapshot's `session.seq` is the last change it
 * holds; each change moves it on by one. Pure: no DOM, no state (it mutates the detail it is given, which may
 * be a Svelte state proxy).
 */

/** `gap`: changes between the detail and this one are missing; catch up with `ideator.since` first. */
export type ChangeOutcome = 'applied' | 'duplicate' | 'gap';

export function applyChange(detail: IdeatorSessionDetail, change: IdeatorChange): ChangeOutcome {
  const { session } = detail;
  if (change.sessionId !== session.id || change.seq <= session.seq) return 'duplicate';
  if (change.seq > session.seq + 1) return 'gap';
  switch (change.type) {
    case 'turn':
      detail.turns.push(change.turn);
      session.updatedAt = change.turn.createdAt;
      break;
    case 'idea': {
      const at = detail.ideas.findIndex((i) => i.id === change.idea.id);
      const versions = at === -1 ? [] : (detail.ideas[at]?.versions ?? []);
      if (at === -1) detail.ideas.push({ ...change.idea, versions });
      else detail.ideas[at] = { ...change.idea, versions };
      break;
    }
    case 'version':
      // The idea's own change always comes first (it is created before any version).
      detail.ideas.find((i) => i.id === change.version.ideaId)?.versions.push(change.version);
      break;
    case 'status':
      session.status = change.status;
      session.error = change.error;
      break;
    case 'usage':
      detail.usage = change.totals;
      break;
  }
  session.seq = change.seq;
  return 'applied';
}

/** Applies changes in order while they follow on; returns `gap` at the first one that does not. */
export function applyChanges(detail: IdeatorSessionDetail, changes: readonly IdeatorChange[]): ChangeOutcome {
  let outcome: ChangeOutcome = 'duplicate';
  for (const change of [...changes].sort((a, b) => a.seq - b.seq)) {
    const step = applyChange(detail, change);
    if (step === 'gap') return 'gap';
    if (step === 'applied') outcome = 'applied';
  }
  return outcome;
}

/** Whether an event is a numbered change (tokens and retry notices are not). */
export function isChange(event: { type: string }): event is IdeatorChange {
  return 'seq' in event;
}
