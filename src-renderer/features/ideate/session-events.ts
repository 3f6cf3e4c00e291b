import type { IdeatorEventPayload, IdeatorSessionRecord } from '../../../src-main/contract/ideator.ts';

/**
 * What is not a numbered change: the text streaming into a session's next turn, kept for every session (a
 * start's first tokens can arrive before the UI has opened it), and the rule for a session record in the list.
 * Everything committed arrives as numbered changes (`lib/ideator-changes.ts`), so a reply and an event are
 * ordered by their `seq`, not by when they arrived.
 */

export interface StreamingText {
  ideaId: string;
  agent: 'researcher' | 'mentor';
  attempt: number;
  text: string;
}

type TokenEvent = Extract<IdeatorEventPayload, { type: 'token' }>;

/** The streamed text with one more token: a new agent, idea or attempt starts the text afresh. */
export function appendToken(current: StreamingText | null, event: TokenEvent): StreamingText {
  const same =
    current?.ideaId === event.ideaId && current.agent === event.agent && current.attempt === event.attempt;
  return same && current
    ? { ...current, text: current.text + event.text }
    : { ideaId: event.ideaId, agent: event.agent, attempt: event.attempt, text: event.text };
}

/** Of two reads of the same session, the one that includes more changes (a tie keeps the one we have). */
export function newerRecord(
  known: IdeatorSessionRecord | undefined,
  read: IdeatorSessionRecord,
): IdeatorSessionRecord {
  return known && known.seq > read.seq ? known : read;
}

export class TokenStreams {
  readonly #streams = new Map<string, StreamingText>();

  note(event: IdeatorEventPayload): void {
    const id = event.sessionId;
    switch (event.type) {
      case 'status':
        if (event.status !== 'running') this.#streams.delete(id);
        return;
      case 'token':
        this.#streams.set(id, appendToken(this.#streams.get(id) ?? null, event));
        return;
      case 'turn':
        // A committed turn replaces the text that streamed into it (tool results stream nothing).
        if (event.turn.kind !== 'tool') this.#streams.delete(id);
        return;
      default:
        return;
    }
  }

  /** The text streaming into the session's next turn, including tokens that came before the session was open. */
  streaming(sessionId: string): StreamingText | null {
    return this.#streams.get(sessionId) ?? null;
  }
}
