import type {
  IdeatorChange,
  IdeatorSessionDetail,
  IdeatorSessionRecord,
} from '../../../src-main/contract/ideator.ts';
import { invoke } from '../../lib/api/client.ts';
import { applyChange } from '../../lib/ideator-changes.ts';

/**
 * The session open in Ideate, kept live by deltas. Opening reads it once (`ideator.get`, whose `session.seq` is
 * the last change it holds); from then on each numbered change is applied as it arrives, duplicates are ignored,
 * and a gap (a missed event, a reconnect, a sleeping window, the page away) is filled from `ideator.since`.
 * Changes that arrive while a read is on its way wait for it. So the traffic grows with the session, not with
 * its square.
 */

export interface OpenSessionHooks {
  /** The session record after a change or a read (the list shows it). */
  changed(session: IdeatorSessionRecord): void;
  failed(err: unknown): void;
}

export class OpenSession {
  detail = $state<IdeatorSessionDetail | null>(null);
  readonly #hooks: OpenSessionHooks;
  #id: string | null = null;
  #request = 0;
  /** Changes that arrived while a read (snapshot or catch-up) was on its way. */
  #waiting: IdeatorChange[] = [];
  #reading = false;

  constructor(hooks: OpenSessionHooks) {
    this.#hooks = hooks;
  }

  /** Shows another session: forgets the one shown and reads the new one whole. */
  async open(sessionId: string): Promise<void> {
    this.#id = sessionId;
    this.detail = null;
    this.#waiting = [];
    await this.read();
  }

  /** Reads the open session whole, then applies the changes that came meanwhile. */
  async read(): Promise<void> {
    const id = this.#id;
    if (!id) return;
    const request = ++this.#request;
    this.#reading = true;
    try {
      const read = await invoke('ideator.get', { sessionId: id });
      // A slower, older answer must not overwrite a newer one (or another session's).
      if (request !== this.#request || id !== this.#id) return;
      this.detail = read;
      this.#reading = false;
      this.#applyWaiting();
    } catch (err) {
      this.#hooks.failed(err);
    } finally {
      if (request === this.#request) this.#reading = false;
    }
  }

  /** Fetches the changes after the last one shown, and applies them; a no-op while a read is on its way. */
  async catchUp(): Promise<void> {
    const id = this.#id;
    if (!this.detail || !id || this.#reading) return;
    const request = ++this.#request;
    this.#reading = true;
    try {
      for (;;) {
        const from = this.detail?.session.seq ?? 0;
        const { seq, changes } = await invoke('ideator.since', { sessionId: id, seq: from });
        if (request !== this.#request || id !== this.#id || !this.detail) return;
        this.#waiting.push(...changes);
        this.#reading = false;
        this.#applyWaiting();
        // Done when nothing more is stored, or a gap inside what came started another catch-up.
        if (this.#reading || changes.length === 0 || (this.detail?.session.seq ?? 0) >= seq) return;
        this.#reading = true;
      }
    } catch (err) {
      this.#hooks.failed(err);
    } finally {
      if (request === this.#request) this.#reading = false;
    }
  }

  /** A change from `ideator.event`; another session's is none of its business. */
  receive(change: IdeatorChange): void {
    if (change.sessionId !== this.#id) return;
    this.#waiting.push(change);
    this.#applyWaiting();
  }

  /** Applies the waiting changes in order; a gap starts a catch-up (the rest wait for it). */
  #applyWaiting(): void {
    const detail = this.detail;
    if (!detail || this.#reading) return;
    const waiting = this.#waiting.sort((a, b) => a.seq - b.seq);
    this.#waiting = [];
    for (const [i, change] of waiting.entries()) {
      if (applyChange(detail, change) !== 'gap') continue;
      this.#waiting = waiting.slice(i);
      void this.catchUp();
      break;
    }
    this.#hooks.changed(detail.session);
  }
}
