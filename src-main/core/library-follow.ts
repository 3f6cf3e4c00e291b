import type { EventBus } from './event-bus.ts';
import type { Logger } from './logger.ts';

/**
 * Keeps the library's windows current while sessions run: an ideator change that alters a library entry (an idea,
 * a new version, a session's status) schedules one library refresh shortly after, which emits `library.changed`
 * with the entries that changed. Debounced, so a burst of changes costs one read; the CLI has no windows to tell.
 */

const DEBOUNCE_MS = 500;
const ENTRY_CHANGES = new Set(['idea', 'version', 'status']);

export interface LibraryFollower {
  close(): Promise<void>;
}

export function refreshOnIdeatorChanges(
  events: EventBus,
  refresh: () => Promise<unknown>,
  logger: Logger,
): LibraryFollower {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const run = (): void => {
    timer = null;
    if (closed) return;
    running = refresh()
      .then(
        () => undefined,
        (err: unknown) =>
          logger.warn('library refresh after a session change failed', { error: String(err) }),
      )
      .finally(() => {
        running = null;
      });
  };
  const unsubscribe = events.subscribe((name, payload) => {
    if (closed || name !== 'ideator.event') return;
    if (!ENTRY_CHANGES.has((payload as { type: string }).type)) return;
    timer ??= setTimeout(run, DEBOUNCE_MS);
  });
  return {
    close: async () => {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
