import type { IdeatorChange, IdeatorSessionDetail } from '../../../src-main/contract/ideator.ts';
import { applyChange, type ChangeOutcome } from '../../lib/ideator-changes.ts';

/**
 * The Ideas page's copy of every session (not reactive: the page shows rows built from it). A change is applied
 * to its session's copy; a session that is new or missed a change is marked stale, to be read again alone.
 */
export class SessionCopies {
  #details = new Map<string, IdeatorSessionDetail>();
  readonly #stale = new Set<string>();

  /** Everything as read by a full load, newest session first. */
  replaceAll(details: readonly IdeatorSessionDetail[]): void {
    this.#details = new Map(details.map((d) => [d.session.id, d]));
    this.#stale.clear();
  }

  /** Applies a change; a session not known, or a change that skips one, marks the session stale. */
  apply(change: IdeatorChange): ChangeOutcome {
    const detail = this.#details.get(change.sessionId);
    const outcome = detail ? applyChange(detail, change) : 'gap';
    if (outcome === 'gap') this.#stale.add(change.sessionId);
    return outcome;
  }

  /** The stale sessions, now unmarked (the caller reads them). */
  takeStale(): string[] {
    const ids = [...this.#stale];
    this.#stale.clear();
    return ids;
  }

  /** A session read again, kept unless the copy already holds more changes; a new one goes first. */
  put(detail: IdeatorSessionDetail): void {
    const id = detail.session.id;
    const known = this.#details.get(id);
    if (known && known.session.seq >= detail.session.seq) return;
    if (known) this.#details.set(id, detail);
    else this.#details = new Map([[id, detail], ...this.#details]);
  }

  all(): IdeatorSessionDetail[] {
    return [...this.#details.values()];
  }
}
