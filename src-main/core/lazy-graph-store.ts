import type { GraphStore } from '../graph/port.ts';
import { AppError } from '../shared/errors.ts';
import { redactUrlCredentials } from '../shared/url-credentials.ts';

export interface LazyGraphStore<T = GraphStore> {
  /** The open store, opened on first use and reopened when the configured store changes. */
  get(): Promise<T>;
  close(): Promise<void>;
}

/** A handle on one opened store: counts the calls still running on it, and refuses new ones once retired. */
interface Handle<T> {
  key: string;
  store: Promise<T>;
  guarded: Promise<T>;
  running: number;
  /** Set once the store is switched away from (new calls refused) or the core closes (calls reach the closed store). */
  retired: 'switched' | 'closed' | null;
  drained: (() => void) | null;
}

/**
 * Opens the graph store on first use, not at start-up: a Neo4j server that is down must not stop the app from
 * starting, and sections that never touch the graph pay nothing. `configKey` names the configured store (kind,
 * URI, database); when it changes (the user switches the store in Settings) the old handle is retired: calls
 * already running on it finish there, and the store is closed once they have; a request that got the handle
 * before the switch and calls it afterwards is refused (CONFLICT, "the graph store changed"), so nothing is
 * written to a store the user has left or to one the request was not made against. Concurrent first calls share
 * one open; a failed open is retried on the next call. Generic over what is opened: the node notes (core/node-notes-host.ts)
 * follow the configured store the same way.
 */
export function createLazyGraphStore<T extends { close(): Promise<void> } = GraphStore>(
  open: () => Promise<T>,
  configKey: () => string,
): LazyGraphStore<T> {
  let current: Handle<T> | null = null;

  const retire = async (handle: Handle<T> | null, why: 'switched' | 'closed'): Promise<void> => {
    if (!handle) return;
    handle.retired = why;
    if (handle.running > 0) await new Promise<void>((resolve) => (handle.drained = resolve));
    const store = await handle.store.catch(() => null);
    await store?.close();
  };

  const closeCurrent = async (): Promise<void> => {
    const previous = current;
    current = null;
    await retire(previous, 'closed');
  };

  return {
    async get() {
      const key = configKey();
      if (current && current.key !== key) {
        const previous = current;
        current = null;
        // The old store drains in the background: a slow request there must not hold up the new store.
        void retire(previous, 'switched');
      }
      if (!current) {
        const opening = open();
        const handle: Handle<T> = {
          key,
          store: opening,
          guarded: opening.then((store) => guard(store, handle)),
          running: 0,
          retired: null,
          drained: null,
        };
        current = handle;
        opening.catch(() => {
          if (current === handle) current = null;
        });
      }
      return current.guarded;
    },
    close: closeCurrent,
  };
}

function guard<T extends object>(store: T, handle: Handle<T>): T {
  const finish = (): void => {
    handle.running -= 1;
    if (handle.running === 0 && handle.retired) handle.drained?.();
  };
  return new Proxy(store, {
    get(target, property, receiver): unknown {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]): unknown => {
        if (handle.retired === 'switched') return Promise.reject(storeChanged(handle.key));
        handle.running += 1;
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          finish();
          throw err;
        }
        if (result instanceof Promise) return result.finally(finish);
        finish();
        return result;
      };
    },
  });
}

function storeChanged(key: string): AppError {
  const left =
    key === 'embedded' ? 'the embedded file' : redactUrlCredentials(key.split(' ').slice(0, 2).join(' '));
  return new AppError(
    'CONFLICT',
    `The graph store was switched (from ${left}) while this request ran; nothing was written. ` +
      'Reload and try again on the store now in use.',
    { field: 'graph.store' },
  );
}
