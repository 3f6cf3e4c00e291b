import { AppError } from '../shared/errors.ts';

/** How far a whole-graph restore (a push or a dump import) has written, of how much. */
export interface RestoreProgress {
  nodes: number;
  edges: number;
  totalNodes: number;
  totalEdges: number;
}

/**
 * What a caller may hand a restore to follow it: progress after each written chunk, and a signal that stops it
 * between chunks. The restore is still one transaction, so a stop (or any fault) writes nothing at all.
 */
export interface RestoreWatch {
  signal?: AbortSignal;
  onProgress?: (progress: RestoreProgress) => void;
}

/** The check a driver calls after each chunk: throws CANCELLED when stopped, else reports what is written. */
export type RestoreStep = (written: { nodes: number; edges: number }) => void;

/**
 * A restore's step reporter. Progress never goes back: a transaction the database driver retries from the start
 * re-reports counts already shown, which are skipped until it gets further.
 */
export function restoreSteps(
  totals: { totalNodes: number; totalEdges: number },
  watch: RestoreWatch = {},
): RestoreStep {
  let shown = { nodes: 0, edges: 0 };
  return (written) => {
    if (watch.signal?.aborted) {
      throw new AppError('CANCELLED', 'The restore was cancelled; nothing was written', {
        reason: 'cancelled',
      });
    }
    if (written.nodes + written.edges <= shown.nodes + shown.edges) return;
    shown = { nodes: Math.max(shown.nodes, written.nodes), edges: Math.max(shown.edges, written.edges) };
    watch.onProgress?.({ ...shown, ...totals });
  };
}
