import { loadPrompts, render } from './prompts.ts';
import type { SessionStore } from './session-store.ts';
import type { ForkOrigin, SessionConfig } from './types.ts';

/**
 * Writes a fork in one transaction: the new session, its idea at version 1 (a copy of the version forked
 * from), the "forked from" note and, when the user wrote guidance in the fork form, that guidance as a human
 * mentor turn, which takes the mentor's first question's place, so the researcher answers it first.
 */

export interface ForkPlan {
  sessionId: string;
  ideaId: string;
  config: SessionConfig;
  origin: ForkOrigin;
  guidance: string;
}

export function writeFork(store: SessionStore, plan: ForkPlan): void {
  const { sessionId, ideaId, config, origin } = plan;
  const from = store.version(origin.ideaId, origin.version);
  const prompts = loadPrompts(config.researcherPrompt);
  const guidance = plan.guidance.trim();
  store.tx(() => {
    store.createSession(sessionId, config, origin);
    store.createIdea(ideaId, sessionId, 0, config.noMentor ? 'done' : 'mentor');
    const base = { ideaId, round: 0, toolCalls: [], toolCallId: null, toolName: null };
    store.appendTurn(sessionId, {
      ...base,
      kind: 'note',
      content: render(prompts, 'forked', {
        session: origin.sessionId,
        idea: origin.ideaId,
        version: origin.version,
      }),
      meta: { forDialogue: true, forkedFrom: origin },
    });
    const turn = store.appendTurn(sessionId, {
      ...base,
      kind: 'idea',
      content: JSON.stringify(from.idea, null, 2),
      meta: { version: 1, forked: true, missingCitations: from.missingCitations },
    });
    store.addVersion(ideaId, 1, from.idea, from.citations, turn.seq, 0);
    store.updateIdea(ideaId, {
      currentVersion: 1,
      ...(config.noMentor ? { outcome: 'unreviewed' as const } : {}),
    });
    if (guidance && !config.noMentor) {
      store.appendTurn(sessionId, {
        ...base,
        kind: 'human',
        content: guidance,
        meta: { forkGuidance: true },
      });
    }
  });
}
