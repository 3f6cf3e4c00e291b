import type { GraphLabStatus } from '../../src-main/contract/graph-curation.ts';
import { invoke, onEvent } from './api/client.ts';

/**
 * Which graph the app works on (this computer's file or the lab's Neo4j), as whom, and whether it answers. The
 * banner shows it; Settings' connection test asks it again. While the graph cannot be reached it is asked again
 * every RETRY_MS, so the banner clears by itself when the server is back.
 */
const RETRY_MS = 15_000;

class LabStatusState {
  status = $state<GraphLabStatus | null>(null);
  /** The status request itself failed (browser mode's server gone…). */
  error = $state<string | null>(null);
  checking = $state(false);
  checkedAt = $state<Date | null>(null);
  #retry: ReturnType<typeof setTimeout> | null = null;

  get unreachable(): boolean {
    return this.error !== null || this.status?.reachable === false;
  }

  async check(): Promise<void> {
    this.checking = true;
    try {
      this.status = await invoke('graph.labStatus', {});
      this.error = null;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.checking = false;
      this.checkedAt = new Date();
      this.#schedule();
    }
  }

  #schedule(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = this.unreachable ? setTimeout(() => void this.check(), RETRY_MS) : null;
  }

  /** Checks now and after every settings change (a new store or name); returns the unsubscribe. */
  follow(): () => void {
    void this.check();
    const stop = onEvent('settings.changed', () => void this.check());
    return () => {
      stop();
      if (this.#retry) clearTimeout(this.#retry);
      this.#retry = null;
    };
  }
}

export const labStatus = new LabStatusState();
