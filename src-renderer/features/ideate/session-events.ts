import type {
  IdeatorEventPayload,
  IdeatorSessionStatus,
  IdeatorUsageTotals,
} from '../../../src-main/contract/ideator.ts';

/**
 * What the ideator's events said about each session, kept for every session, open or not: a short run can finish
 * (its final events arriving over SSE/IPC) before the reply to the call that started it, and its first events
 * arrive before the UI has opened it. Replies are snapshots taken at some moment; events arrive in the order
 * the core emitted them, each after its change was committed. So a status event received while a request was
 * in flight is at least as new as that request's snapshot, and wins over it.
 */

export interface StreamingText {
  ideaId: string;
  agent: 'researcher' | 'mentor';
  attempt: number;
  text: string;
}

type TokenEvent = Extract<IdeatorEventPayload, { type: 'token' }>;

interface SeenStatus {
  /** Position in the event stream, compared with a request's `mark()`. */
  at: number;
  status: IdeatorSessionStatus;
  error: { code: string; message: string } | null;
}

/** A session record as a snapshot carries it (the list entry or the detail's session). */
interface StatusSnapshot {
  id: string;
  status: IdeatorSessionStatus;
  error: { code: string; message: string } | null;
}

/** The streamed text with one more token: a new agent, idea or attempt starts the text afresh. */
export function appendToken(current: StreamingText | null, event: TokenEvent): StreamingText {
  const same =
    current?.ideaId === event.ideaId && current.agent === event.agent && current.attempt === event.attempt;
  return same && current
    ? { ...current, text: current.text + event.text }
    : { ideaId: event.ideaId, agent: event.agent, attempt: event.attempt, text: event.text };
}

/** Running totals only grow (one ledger entry per call), so the one with more calls is the newer. */
export function newerUsage(
  a: IdeatorUsageTotals | null | undefined,
  b: IdeatorUsageTotals | null | undefined,
): IdeatorUsageTotals | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return b.calls >= a.calls ? b : a;
}

export class SessionEventLog {
  #position = 0;
  readonly #status = new Map<string, SeenStatus>();
  readonly #usage = new Map<string, IdeatorUsageTotals>();
  readonly #streams = new Map<string, StreamingText>();

  /** Taken just before a request; `settle` then knows which events arrived while it was in flight. */
  mark(): number {
    return this.#position;
  }

  note(event: IdeatorEventPayload): void {
    this.#position++;
    const id = event.sessionId;
    switch (event.type) {
      case 'status':
        this.#status.set(id, { at: this.#position, status: event.status, error: event.error });
        if (event.status !== 'running') this.#streams.delete(id);
        return;
      case 'usage':
        this.#usage.set(id, newerUsage(this.#usage.get(id), event.totals) ?? event.totals);
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

  /** The snapshot, with the status of any status event that arrived after `since` (the request's mark). */
  settle<T extends StatusSnapshot>(record: T, since: number): T {
    const seen = this.#status.get(record.id);
    if (!seen || seen.at <= since) return record;
    return { ...record, status: seen.status, error: seen.error };
  }

  /** The newest running totals for a session: the snapshot's, or the events' when they counted more calls. */
  usage(sessionId: string, snapshot: IdeatorUsageTotals): IdeatorUsageTotals {
    return newerUsage(snapshot, this.#usage.get(sessionId)) ?? snapshot;
  }

  /** The text streaming into the session's next turn, including tokens that came before the session was open. */
  streaming(sessionId: string): StreamingText | null {
    return this.#streams.get(sessionId) ?? null;
  }
}
