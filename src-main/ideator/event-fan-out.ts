import type { IdeatorLog } from './manager-options.ts';
import type { SessionStore } from './session-store.ts';
import type { IdeatorEvent, IdeatorListener } from './types.ts';

/**
 * The ideator's one way out to the UI: committed store changes, in order, and the runner's transient events
 * (tokens, retries) go to the listener; a retry is also logged. A faulty listener never breaks a session.
 */
export class EventFanOut {
  readonly #store: SessionStore;
  readonly #onEvent: IdeatorListener | undefined;
  readonly #log: IdeatorLog | undefined;

  constructor(store: SessionStore, onEvent?: IdeatorListener, log?: IdeatorLog) {
    this.#store = store;
    this.#onEvent = onEvent;
    this.#log = log;
  }

  /** Sends the store's committed changes, in order, to the listener (each carries its `seq`). */
  publish(): void {
    for (const change of this.#store.drain()) this.emit(change);
  }

  emit(event: IdeatorEvent): void {
    if (event.type === 'retry') {
      const { type: _type, ...fields } = event;
      this.#log?.warn('ideator LLM call failed; retrying', fields);
    }
    try {
      this.#onEvent?.(event);
    } catch {
      // A faulty listener must not break a paid-for session.
    }
  }
}
