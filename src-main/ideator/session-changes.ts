import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors.ts';
import type { SessionChange, UnnumberedChange } from './types.ts';

/**
 * The sessions' numbered changes (`session_events`). `record` runs inside the caller's write transaction: it
 * takes the session's next number (`sessions.event_seq`) and stores the change with it, so a change and its
 * number commit (or roll back) with the write they describe, and survive restarts. Recorded changes wait in
 * memory until `drain()` hands them to the event bus; `rollbackTo` forgets those of a rolled-back transaction.
 */
export class SessionChangeLog {
  readonly #db: Database;
  #unsent: SessionChange[] = [];

  constructor(db: Database) {
    this.#db = db;
  }

  /** Call inside a write transaction. */
  record(change: UnnumberedChange): void {
    const seq = this.#db
      .prepare('UPDATE sessions SET event_seq = event_seq + 1 WHERE id = ? RETURNING event_seq')
      .pluck()
      .get(change.sessionId) as number | undefined;
    if (seq === undefined) throw new AppError('NOT_FOUND', `No ideation session ${change.sessionId}`);
    const numbered = { ...change, seq } as SessionChange;
    this.#db
      .prepare('INSERT INTO session_events (session_id, seq, payload) VALUES (?, ?, ?)')
      .run(change.sessionId, seq, JSON.stringify(numbered));
    this.#unsent.push(numbered);
  }

  /** How many changes wait unsent: a transaction's starting point for `rollbackTo`. */
  mark(): number {
    return this.#unsent.length;
  }

  rollbackTo(mark: number): void {
    this.#unsent.length = Math.min(this.#unsent.length, mark);
  }

  /** The changes committed since the last drain, in order; call it after (never inside) a transaction. */
  drain(): SessionChange[] {
    const out = this.#unsent;
    this.#unsent = [];
    return out;
  }

  /** The number of the session's latest change (0 before any). */
  latest(sessionId: string): number {
    const seq = this.#db.prepare('SELECT event_seq FROM sessions WHERE id = ?').pluck().get(sessionId) as
      number | undefined;
    if (seq === undefined) throw new AppError('NOT_FOUND', `No ideation session ${sessionId}`);
    return seq;
  }

  /** The session's changes numbered after `afterSeq`, at most `limit`, oldest first. */
  after(sessionId: string, afterSeq: number, limit: number): SessionChange[] {
    return (
      this.#db
        .prepare('SELECT payload FROM session_events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?')
        .pluck()
        .all(sessionId, afterSeq, limit) as string[]
    ).map((text) => JSON.parse(text) as SessionChange);
  }
}
