import type {
  GraphEmbedEvent,
  GraphEmbedResult,
  GraphEmbedStatus,
} from '../../../src-main/contract/index.ts';
import { invoke, onEvent } from '../../lib/api/client.ts';

const ACTIVE: ReadonlySet<GraphEmbedEvent['state']> = new Set(['fetching-model', 'running']);

/**
 * The Graph section's local embeddings: the model files and vector counts (`graph.embedStatus`), and the
 * `graph.embed` job as it runs (progress from `graph.embedEvent`, also for a job another tab started), cancel
 * and resume (a rerun does the nodes still without a vector).
 */
class EmbeddingsState {
  status = $state<GraphEmbedStatus | null>(null);
  statusError = $state<string | null>(null);
  /** The job's last event, while it runs and after it ended. */
  progress = $state<GraphEmbedEvent | null>(null);
  /** This tab's last job: its outcome, or why it failed. */
  result = $state<GraphEmbedResult | null>(null);
  failure = $state<string | null>(null);
  cancelling = $state(false);
  /** Bumped when the search panel points the user here: the panel opens and shows itself. */
  shown = $state(0);

  get running(): boolean {
    return this.progress !== null && ACTIVE.has(this.progress.state);
  }

  async refresh(): Promise<void> {
    try {
      this.status = await invoke('graph.embedStatus', {});
      this.statusError = null;
      // A job running in another tab: show it as running until its events say otherwise.
      if (this.status.running && !this.running) {
        this.progress = {
          model: this.status.model,
          state: 'running',
          total: this.status.withoutVector,
          done: 0,
        };
      }
    } catch (err) {
      this.statusError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Runs the job (or resumes one cancelled: the nodes still without a vector); `onDone` refreshes the counts. */
  async run(onDone: () => Promise<void>): Promise<void> {
    this.result = null;
    this.failure = null;
    this.progress = { model: this.status?.model ?? '', state: 'fetching-model', total: 0, done: 0 };
    try {
      this.result = await invoke('graph.embed', {});
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      if (this.progress && ACTIVE.has(this.progress.state)) this.progress = null;
    } finally {
      this.cancelling = false;
      await Promise.all([this.refresh(), onDone()]);
    }
  }

  async cancel(): Promise<void> {
    this.cancelling = true;
    try {
      await invoke('graph.embedCancel', {});
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      this.cancelling = false;
    }
  }

  /** Job events, and graph writes (new nodes may lack a vector); returns the unsubscribe. */
  follow(): () => void {
    const stops = [
      onEvent('graph.embedEvent', (event) => {
        this.progress = event;
        if (!ACTIVE.has(event.state)) void this.refresh();
      }),
      onEvent('graph.changed', () => void this.refresh()),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Why vector and hybrid search cannot cover the graph yet, or null when they can. */
  get gap(): string | null {
    const status = this.status;
    if (!status) return null;
    const local = status.vectors.find((v) => v.model === status.model)?.count ?? 0;
    // A graph embedded by an endpoint's model is searched with that model: the local one is not needed.
    if (local === 0 && status.vectors.some((v) => v.count > 0)) return null;
    if (!status.modelPresent)
      return 'the local embedding model is not installed, so a query cannot be embedded';
    if (status.withoutVector === 0) return null;
    if (status.withoutVector === status.totalNodes) return 'no node has a vector yet';
    return `${status.withoutVector.toLocaleString()} of ${status.totalNodes.toLocaleString()} nodes have no vector yet and are missed`;
  }

  show(): void {
    this.shown += 1;
  }
}

export const embeddings = new EmbeddingsState();
