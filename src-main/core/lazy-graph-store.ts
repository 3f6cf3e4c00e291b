import type { GraphStore } from '../graph/port.ts';

export interface LazyGraphStore<T = GraphStore> {
  /** The open store, opened on first use and reopened when the configured store changes. */
  get(): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens the graph store on first use, not at start-up: a Neo4j server that is down must not stop the app from
 * starting, and sections that never touch the graph pay nothing. `configKey` names the configured store (kind,
 * URI, database); when it changes (the user points Settings at a lab server) the old store is closed and the
 * new one opened. Concurrent first calls share one open; a failed open is retried on the next call.
 */
export function createLazyGraphStore<T extends { close(): Promise<void> } = GraphStore>(
  open: () => Promise<T>,
  configKey: () => string,
): LazyGraphStore<T> {
  let current: { key: string; store: Promise<T> } | null = null;

  const closeCurrent = async (): Promise<void> => {
    const previous = current;
    current = null;
    if (!previous) return;
    const store = await previous.store.catch(() => null);
    await store?.close();
  };

  return {
    async get() {
      const key = configKey();
      if (current && current.key !== key) await closeCurrent();
      if (!current) {
        const opening = open();
        const entry = { key, store: opening };
        current = entry;
        opening.catch(() => {
          if (current === entry) current = null;
        });
      }
      return current.store;
    },
    close: closeCurrent,
  };
}
