import type { EventName, EventPayload } from '../contract/events.ts';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fan-out of core events to every transport (IPC windows, SSE clients). */
export class EventBus {
  #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(name, payload);
      } catch {
        // One broken subscriber (a closed window, a dropped socket) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
