import type { Channel } from '../contract/channels.ts';
import type { GraphPushEvent } from '../contract/graph-push.ts';
import type { RestoreWatch } from '../graph/restore-watch.ts';
import { AppError } from '../shared/errors.ts';
import { replyErrorOf } from '../shared/internal-error.ts';
import type { EventBus } from './event-bus.ts';
import type { Handler } from './handler-table.ts';
import type { Logger } from './logger.ts';

export interface PushJobDeps {
  events: EventBus;
  logger: Logger;
  /** The copy itself (graph-admin-service push): one transaction on the lab server, followed by `watch`. */
  copy: (replace: boolean, watch: RestoreWatch) => Promise<{ nodes: number; edges: number }>;
}

export interface PushJob {
  /** `graph.push`: the embedded graph into the lab's Neo4j, progress on `graph.pushEvent`. */
  push(replace: boolean): Promise<{ nodes: number; edges: number }>;
  handlers: { [C in Extract<Channel, 'graph.pushCancel'>]: Handler<C> };
}

/**
 * Push embedded → Neo4j as a job, as `graph.embed` is one: one at a time per core (a second is a CONFLICT; across
 * apps the lab server's imports lock serialises them), progress events as chunks are written, and cancel. Unlike
 * the embedding job nothing is kept on cancel: the push is one transaction, so a cancel, a fault or a server that
 * goes away leaves the lab graph exactly as it was.
 */
export function createPushJob(deps: PushJobDeps): PushJob {
  let running: AbortController | null = null;
  const emit = (event: GraphPushEvent): void => deps.events.emit('graph.pushEvent', event);
  return {
    push: async (replace) => {
      if (running) {
        throw new AppError(
          'CONFLICT',
          'A push to the lab graph is already running; wait for it or cancel it',
          {
            reason: 'push-running',
          },
        );
      }
      const controller = new AbortController();
      running = controller;
      let last: GraphPushEvent = { state: 'reading', nodes: 0, edges: 0, totalNodes: 0, totalEdges: 0 };
      emit(last);
      try {
        const result = await deps.copy(replace, {
          signal: controller.signal,
          onProgress: (progress) => emit((last = { state: 'running', ...progress })),
        });
        const totals = { totalNodes: result.nodes, totalEdges: result.edges };
        emit({ state: 'completed', nodes: result.nodes, edges: result.edges, ...totals });
        deps.logger.info('graph push ended', { ...result });
        return result;
      } catch (err) {
        if (err instanceof AppError && err.code === 'CANCELLED') {
          emit({ ...last, state: 'cancelled' });
          throw new AppError('CANCELLED', 'The push was cancelled; the lab graph is unchanged', {
            reason: 'cancelled',
          });
        }
        // A fault's raw message goes to the log under an id; the event and the reply carry that id only.
        const body = replyErrorOf(err, deps.logger, { job: 'graph.push' });
        emit({ ...last, state: 'failed', error: { code: body.code, message: body.message } });
        throw err instanceof AppError ? err : AppError.fromBody(body);
      } finally {
        running = null;
      }
    },
    handlers: {
      'graph.pushCancel': async () => {
        if (!running) return { cancelled: false };
        running.abort();
        return { cancelled: true };
      },
    },
  };
}
