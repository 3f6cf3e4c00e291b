import type { GraphPushEvent } from '../../../../src-main/contract/index.ts';
import { ApiError, invoke, onEvent } from '../../../lib/api/client.ts';

const ACTIVE: ReadonlySet<GraphPushEvent['state']> = new Set(['reading', 'running']);

/**
 * Push this computer's graph to the lab's Neo4j (`graph.push`): one transaction on the lab server, followed by
 * `graph.pushEvent` (nodes and edges written of the total, also for a push another tab started) and stopped by
 * `graph.pushCancel`, which leaves the lab graph as it was.
 */
class PushState {
  /** The push's last event, while it runs and after it ended. */
  progress = $state<GraphPushEvent | null>(null);
  cancelling = $state(false);
  /** How this tab's last push ended, for the person who started it. */
  outcome = $state<{ text: string; error: boolean } | null>(null);

  get running(): boolean {
    return this.progress !== null && ACTIVE.has(this.progress.state);
  }

  /** `onDone` reloads the Graph section after a push that wrote the lab graph. */
  async run(replace: boolean, onDone: () => Promise<void>): Promise<void> {
    this.outcome = null;
    this.progress = { state: 'reading', nodes: 0, edges: 0, totalNodes: 0, totalEdges: 0 };
    try {
      const result = await invoke('graph.push', { replace });
      this.outcome = {
        text: `Pushed ${result.nodes.toLocaleString()} nodes and ${result.edges.toLocaleString()} edges from this computer to the lab graph.`,
        error: false,
      };
      await onDone();
    } catch (err) {
      const cancelled = err instanceof ApiError && err.code === 'CANCELLED';
      this.outcome = { text: err instanceof Error ? err.message : String(err), error: !cancelled };
      if (this.progress && ACTIVE.has(this.progress.state)) this.progress = null;
    } finally {
      this.cancelling = false;
    }
  }

  async cancel(): Promise<void> {
    this.cancelling = true;
    try {
      await invoke('graph.pushCancel', {});
    } catch (err) {
      this.outcome = { text: err instanceof Error ? err.message : String(err), error: true };
      this.cancelling = false;
    }
  }

  /** Push events from any tab; returns the unsubscribe. */
  follow(): () => void {
    return onEvent('graph.pushEvent', (event) => {
      this.progress = event;
    });
  }
}

export const pushing = new PushState();
