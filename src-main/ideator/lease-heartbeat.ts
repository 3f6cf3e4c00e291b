import type { Owner } from './ownership.ts';
import type { SessionStore } from './session-store.ts';

/**
 * Renews a run's ownership lease every third of its duration. A renewal that finds another owner's token (this
 * process stalled past its lease and another took the session over) calls `onLost` once, so the run stops
 * instead of writing into a session it no longer owns. The timer never keeps the process alive.
 */
export function startHeartbeat(
  store: SessionStore,
  sessionId: string,
  lease: Owner,
  durationMs: number,
  onLost: () => void,
): () => void {
  const timer = setInterval(
    () => {
      try {
        if (store.renewLease(sessionId, { ...lease, expiresAt: Date.now() + durationMs })) return;
        clearInterval(timer);
        onLost();
      } catch {
        // A busy or closed file: the next beat tries again, well before the lease runs out.
      }
    },
    Math.max(50, Math.floor(durationMs / 3)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
