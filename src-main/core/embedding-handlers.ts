import type { EmbeddingChannel, GraphEmbedResult } from '../contract/embeddings.ts';
import { embedGraph } from '../embeddings/embed-graph.ts';
import {
  fetchMinilm,
  HOW_TO_GET_MODEL,
  MINILM,
  minilmFolder,
  minilmPresent,
  modelsDirFor,
} from '../embeddings/minilm-files.ts';
import { sharedLocalEmbedder } from '../embeddings/shared-embedder.ts';
import type { GraphStore } from '../graph/port.ts';
import type { GraphStats } from '../graph/views.ts';
import { AppError } from '../shared/errors.ts';
import { replyErrorOf } from '../shared/internal-error.ts';
import type { EventBus } from './event-bus.ts';
import type { Handler } from './handler-table.ts';
import type { Logger } from './logger.ts';

export interface EmbeddingDeps {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  events: EventBus;
  logger: Logger;
  /** Its own store handle per job, closed when the job ends. */
  openGraph: () => Promise<GraphStore>;
  /** The Graph section's counts on its shared store handle (for `graph.embedStatus`). */
  stats: () => Promise<GraphStats>;
  actor: () => string;
}

export type EmbeddingHandlers = { [C in EmbeddingChannel]: Handler<C> };

/** `graph.embed` / `graph.embedCancel`: one local embedding job at a time per core; `graph.embedStatus`. */
export function createEmbeddingHandlers(deps: EmbeddingDeps): EmbeddingHandlers {
  let running: AbortController | null = null;
  const emit = deps.events.emit.bind(deps.events);
  return {
    'graph.embedStatus': async () => {
      // Read before the counts are awaited: a job ending meanwhile is reported as running, then done.
      const busy = running !== null;
      const modelsDir = modelsDirFor(deps.dataDir, deps.env);
      const stats = await deps.stats();
      const totalNodes = Object.values(stats.nodes).reduce((sum, n) => sum + n, 0);
      const vectors = stats.embeddings.map(({ model, count }) => ({ model, count }));
      const local = vectors.find((v) => v.model === MINILM.modelId)?.count ?? 0;
      return {
        model: MINILM.modelId,
        modelPresent: minilmPresent(modelsDir),
        modelDir: minilmFolder(modelsDir),
        howToGet: HOW_TO_GET_MODEL,
        totalNodes,
        vectors,
        withoutVector: Math.max(0, totalNodes - local),
        running: busy,
      };
    },
    'graph.embed': async (_request, ctx) => {
      if (running) throw new AppError('CONFLICT', 'An embedding job is already running; cancel it or wait.');
      const controller = new AbortController();
      running = controller;
      const onOuterAbort = (): void => controller.abort();
      ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });
      const model = MINILM.modelId;
      try {
        const modelsDir = modelsDirFor(deps.dataDir, deps.env);
        emit('graph.embedEvent', { model, state: 'fetching-model', total: 0, done: 0 });
        await fetchMinilm(modelsDir, {
          signal: controller.signal,
          log: (line) => deps.logger.info(`embeddings: ${line}`),
        });
        const embedder = await sharedLocalEmbedder(modelsDir);
        const store = await deps.openGraph();
        let result: GraphEmbedResult;
        try {
          result = await embedGraph(store, embedder, {
            actor: deps.actor(),
            signal: controller.signal,
            onProgress: (p) => emit('graph.embedEvent', { ...p, state: 'running' }),
          });
        } finally {
          await store.close();
        }
        const state = result.cancelled ? 'cancelled' : 'completed';
        emit('graph.embedEvent', { model, state, total: result.total, done: result.done });
        deps.logger.info('embedding job ended', { ...result });
        return result;
      } catch (err) {
        // A fault's raw message goes to the log under an id; the event and the reply carry that id only.
        const body = replyErrorOf(err, deps.logger, { job: 'graph.embed' });
        emit('graph.embedEvent', {
          model,
          state: 'failed',
          total: 0,
          done: 0,
          error: { code: body.code, message: body.message },
        });
        throw err instanceof AppError ? err : AppError.fromBody(body);
      } finally {
        ctx.signal?.removeEventListener('abort', onOuterAbort);
        running = null;
      }
    },
    'graph.embedCancel': async () => {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
  };
}
