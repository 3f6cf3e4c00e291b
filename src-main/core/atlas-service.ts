import { readAtlas, type Atlas } from '../atlas/atlas-dataset.ts';
import { applyPlan, planMapping, refreshPlan, writableMethods, type Embed } from '../atlas/map-onto-graph.ts';
import { methodLinks } from '../atlas/method-links.ts';
import type { AtlasMapEvent } from '../contract/atlas.ts';
import { modelsDirFor } from '../embeddings/minilm-files.ts';
import { sharedLocalEmbedder } from '../embeddings/shared-embedder.ts';
import { AppError } from '../shared/errors.ts';
import { replyErrorOf } from '../shared/internal-error.ts';
import type { ServiceHost } from './service-host.ts';
import type { In, Out } from './service-io.ts';

/**
 * The one atlas service (channel `atlas.*`, CLI `motiv graph map-methods`): reads the shipped atlas, embeds with
 * the local MiniLM (MODEL_MISSING says how to get it; nothing else leaves the machine), plans on its own store
 * handle and writes batch by batch. One run per core at a time; a second is CONFLICT.
 */
export interface AtlasService {
  mapOntoGraph(request: In<'atlas.mapOntoGraph'>, signal?: AbortSignal): Out<'atlas.mapOntoGraph'>;
  cancel(): Out<'atlas.mapCancel'>;
  methodLinks(request: In<'atlas.methodLinks'>): Out<'atlas.methodLinks'>;
}

export function createAtlasService(host: ServiceHost, read: () => Atlas = () => readAtlas()): AtlasService {
  let running: AbortController | null = null;
  const emit = (event: AtlasMapEvent): void => host.events.emit('atlas.mapEvent', event);
  const localEmbed = async (): Promise<Embed> => {
    const embedder = await sharedLocalEmbedder(modelsDirFor(host.dataDir, host.env));
    return (texts, signal) => embedder.embed(texts, signal ? { signal } : {});
  };

  return {
    async mapOntoGraph(request, signal) {
      if (running) throw new AppError('CONFLICT', 'The atlas is being mapped already; cancel it or wait.');
      const controller = new AbortController();
      running = controller;
      const onOuterAbort = (): void => controller.abort();
      signal?.addEventListener('abort', onOuterAbort, { once: true });
      const store = await host.openGraph();
      try {
        const atlas = read();
        const embed = await localEmbed();
        const plan = await planMapping(store, atlas, {
          embed,
          signal: controller.signal,
          onProgress: (done, total) => emit({ state: 'embedding', done, total }),
        });
        if (!request.apply) {
          emit({ state: 'completed', done: 0, total: 0 });
          return { plan, written: null, cancelled: false };
        }
        const total = writableMethods(plan).length;
        emit({ state: 'writing', done: 0, total });
        const written = await applyPlan(store, atlas, plan, {
          signal: controller.signal,
          onProgress: (done) => emit({ state: 'writing', done, total }),
        });
        const cancelled = controller.signal.aborted;
        emit({ state: cancelled ? 'cancelled' : 'completed', done: total, total });
        host.logger.info('atlas mapped onto the graph', { ...written, cancelled });
        // The statuses as the graph now has them (new → proposed/exists), so the preview shows what was done.
        return { plan: await refreshPlan(store, atlas, plan), written, cancelled };
      } catch (err) {
        if (err instanceof AppError && err.code === 'CANCELLED') {
          emit({ state: 'cancelled', done: 0, total: 0 });
          throw err;
        }
        const body = replyErrorOf(err, host.logger, { job: 'atlas.mapOntoGraph' });
        emit({ state: 'failed', done: 0, total: 0, error: { code: body.code, message: body.message } });
        throw err instanceof AppError ? err : AppError.fromBody(body);
      } finally {
        signal?.removeEventListener('abort', onOuterAbort);
        running = null;
        await store.close();
      }
    },
    async cancel() {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
    async methodLinks(request) {
      const method = read().methods.find((m) => m.id === request.methodId);
      if (!method) {
        throw new AppError('NOT_FOUND', `No atlas method "${request.methodId}"`, { field: 'methodId' });
      }
      const store = await host.openGraph();
      try {
        return await methodLinks(store, method);
      } finally {
        await store.close();
      }
    },
  };
}
